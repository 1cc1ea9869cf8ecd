import Foundation
import Testing

/// Invitations are a state: apply records new people as invited, the platform marks them
/// accepted with the statement docs/state-store.md gives, and orgtree never resets that.
@Suite("Invitations")
struct InvitationTests {
    /// The platform's statement, as docs/state-store.md gives it, for one person.
    static func acceptance(_ person: String) throws -> String {
        let docs = try String(contentsOfFile: Repo.path("docs/state-store.md"), encoding: .utf8)
        let statement = try #require(docs.firstMatch(of: /UPDATE people SET invitation = 'accepted'[^;]*;/)).output
        return String(statement).replacingOccurrences(of: "$1", with: "'\(person)'")
    }

    @Test("pending invitations are listed with their age; acceptance stays and is not drift", arguments: StoreKind.available)
    func lifecycle(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = try StoreTests.sampleCopy(in: store.tmp)
        #expect(try runOrgtree(["invitations", "--state", store.url]).stdout == "No pending invitations in \(store.url).\n")
        #expect(try runOrgtree(["apply", tree, "--state", store.url, "--at", StoreTests.day, "--secrets-out", store.tmp + "/s1"]).status == 0)
        let invitedOn = try #require(try store.column("SELECT invited_at FROM people WHERE id = 'ann'").first).prefix(10)
        let text = try runOrgtree(["invitations", "--state", store.url, "--at", "2099-01-01"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("16 pending invitations in \(store.url) (on 2099-01-01):\n"), "\(text.stdout)")
        #expect(text.stdout.contains("  ann     ann.berger@lumenlabs.example  invited \(invitedOn)"), "\(text.stdout)")

        try store.sql(try Self.acceptance("ann"))
        let json = try runOrgtree(["invitations", "--state", store.url, "--format", "json", "--at", String(invitedOn)])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let listed = try #require(document["invitations"] as? [[String: Any]])
        #expect(listed.count == 15)
        #expect(!listed.contains { $0["person"] as? String == "ann" })
        #expect(listed.allSatisfy { $0["age_days"] as? Int == 0 })
        #expect(document["format_version"] as? Int == 1)

        // Acceptance is the platform's: not drift, and a later apply keeps it.
        #expect(try runOrgtree(["drift", "--state", store.url]).status == 0)
        try StoreTests.edit(tree + "/people/ann.yaml") { $0.replacingOccurrences(of: "jobTitle:", with: "jobTitle: \"Founder\"\n# was:") }
        #expect(try runOrgtree(["apply", tree, "--state", store.url, "--at", StoreTests.day, "--secrets-out", store.tmp + "/s2"]).status == 0)
        #expect(try store.column("SELECT invitation FROM people WHERE id = 'ann'") == ["accepted"])
        #expect(try store.column("SELECT invitation FROM people WHERE id = 'bruno'") == ["invited"])
    }

    /// A person removed before accepting: the invitation is revoked, in the output and the
    /// audit log; a person who accepted is removed as a row like any other.
    @Test("removing a pending person revokes the invitation, audited", arguments: StoreKind.available)
    func revoked(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = try StoreTests.sampleCopy(in: store.tmp)
        try "firstName: Quinn\nlastName: Adler\nemail: quinn.adler@lumenlabs.example\ntfa:\n  method: app\n"
            .write(toFile: tree + "/people/quinn.yaml", atomically: true, encoding: .utf8)
        try "firstName: Rosa\nlastName: Vidal\nemail: rosa.vidal@lumenlabs.example\ntfa:\n  method: app\n"
            .write(toFile: tree + "/people/rosa.yaml", atomically: true, encoding: .utf8)
        #expect(try runOrgtree(["apply", tree, "--state", store.url, "--at", StoreTests.day, "--secrets-out", store.tmp + "/s1"]).status == 0)
        try store.sql(try Self.acceptance("rosa"))
        try FileManager.default.removeItem(atPath: tree + "/people/quinn.yaml")
        try FileManager.default.removeItem(atPath: tree + "/people/rosa.yaml")
        // The plan says so in advance.
        let plan = try runOrgtree(["plan", tree, "--state", store.url, "--at", StoreTests.day])
        #expect(plan.stdout.contains("\n  invitations to revoke (removed before they accepted): quinn\n"), "\(plan.stdout)")
        let json = try runOrgtree(["plan", tree, "--state", store.url, "--at", StoreTests.day, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["revoked_invitations"] as? [String] == ["quinn"])
        let r = try runOrgtree(["apply", tree, "--state", store.url, "--at", StoreTests.day])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Invitations revoked 1 (removed before they accepted):\n  quinn\n"), "\(r.stdout)")
        #expect(try store.column("SELECT action FROM audit_log WHERE target = 'people quinn' ORDER BY seq") == ["insert", "revoke-invitation"])
        #expect(try store.column("SELECT action FROM audit_log WHERE target = 'people rosa' ORDER BY seq") == ["insert", "delete"])
        #expect(try runOrgtree(["audit", "verify", "--state", store.url]).status == 0)
    }
}
