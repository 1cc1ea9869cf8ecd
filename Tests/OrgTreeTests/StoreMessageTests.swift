import Foundation
import Testing
import OrgTreeState

/// Store troubles are reported as what they are: an edited plan file, a secrets file in a
/// missing folder, who holds a lock, why a PostgreSQL connection failed, a lock timeout
/// that is no number of seconds.
@Suite("Store messages that say what happened", .serialized)
struct StoreMessageTests {
    static let day = "2026-11-23"

    @Test("a plan file edited after it was written is refused as not matching its own digest", arguments: StoreKind.available)
    func editedPlanFile(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = Repo.path("sample-org")
        let planFile = store.tmp + "/plan.json"
        #expect(try runOrgtree(["plan", tree, "--state", store.url, "--at", Self.day, "--out", planFile]).status == 1)
        let original = try Data(contentsOf: URL(fileURLWithPath: planFile))
        var document = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        #expect((document["plan_digest"] as? String)?.count == 64)

        // A row's values changed by hand.
        var changes = try #require(document["changes"] as? [[String: Any]])
        var after = try #require(changes[0]["after"] as? [String])
        after[after.count - 1] += "-edited"
        changes[0]["after"] = after
        var edited = document
        edited["changes"] = changes
        try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: planFile))
        let refused = try runOrgtree(["apply", tree, "--state", store.url, "--plan", planFile, "--secrets-out", store.tmp + "/s1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the plan file does not match its own digest"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("outside orgtree"))

        // A plan file written before plan files carried a digest still applies.
        document.removeValue(forKey: "plan_digest")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: planFile))
        #expect(try runOrgtree(["apply", tree, "--state", store.url, "--plan", planFile, "--secrets-out", store.tmp + "/s2"]).status == 0)
    }

    @Test("a secrets file in a missing folder says the folder is missing", arguments: StoreKind.available)
    func secretsInMissingFolder(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let secrets = store.tmp + "/no-such-folder/secrets.txt"
        let r = try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--at", Self.day, "--secrets-out", secrets])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the folder \(store.tmp)/no-such-folder does not exist"), "\(r.stderr)")
        #expect(!r.stderr.contains("must not exist yet"))
        // An existing file is the case that says so.
        try "".write(toFile: store.tmp + "/taken.txt", atomically: true, encoding: .utf8)
        let taken = try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--at", Self.day, "--secrets-out", store.tmp + "/taken.txt"])
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("(it must not exist yet)"), "\(taken.stderr)")
        #expect(try store.column("SELECT COUNT(*) FROM revisions") == ["0"])
    }

    @Test func aLockHolderIsNamedByLoginHostPidAndCIJob() {
        let plain = StateStore.lockHolder(environment: [:])
        #expect(!plain.hasPrefix("unknown@"))
        #expect(plain.hasSuffix(" pid \(getpid())"))
        #expect(plain.hasPrefix(String(cString: getpwuid(geteuid())!.pointee.pw_name) + "@"))
        let ci = StateStore.lockHolder(environment: ["GITHUB_RUN_ID": "9876543210", "USER": "runner"])
        #expect(ci == plain + " (CI job GITHUB_RUN_ID=9876543210)")
        #expect(StateStore.lockHolder(environment: ["CI_JOB_ID": "42"]).hasSuffix(" (CI job CI_JOB_ID=42)"))
    }

    @Test func postgresConnectionFailuresSayWhy() throws {
        // Nothing listens on port 1.
        let refused = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:1/orgtree"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("connection refused: nothing listens on that port"), "\(refused.stderr)")
        // `.invalid` never resolves (RFC 2606).
        let dns = try runOrgtree(["drift", "--state", "postgres://orgtree@no-such-host.invalid:5432/orgtree"])
        #expect(dns.status == 2)
        #expect(dns.stderr.contains("the host name no-such-host.invalid cannot be resolved"), "\(dns.stderr)")
        for port in ["99999", "0"] {
            let range = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:\(port)/orgtree"])
            #expect(range.status == 2)
            #expect(range.stderr.contains("port \(port) is out of range (1 to 65535)"), "\(range.stderr)")
        }
        #expect(throws: Never.self) { try StateURL("postgres://orgtree@[::1]:5433/orgtree") }
    }

    @Test func aLockTimeoutMustBeAFiniteNumberOfSeconds() throws {
        let store = try TestStore(.sqlite)
        for value in ["nan", "inf", "-1"] {
            let r = try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--lock-timeout=\(value)"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("--lock-timeout takes a number of seconds, 0 or more"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: store.tmp + "/state.db"))
    }
}
