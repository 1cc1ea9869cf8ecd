import Foundation
import Testing
import OrgTreeCore
import OrgTreeState

/// `orgtree audit log` reads the trail apply writes, on both stores, with the same
/// filters (SQL with parameters) in each.
@Suite("Audit log", .serialized)
struct AuditLogTests {
    func applied(_ kind: StoreKind) throws -> TestStore {
        let store = try TestStore(kind)
        let r = try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--at", StoreTests.day,
                                "--actor", "ann", "--secrets-out", store.tmp + "/secrets.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }

    static func entries(_ json: String) throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["format_version"] as? Int == 1)
        return try #require(document["entries"] as? [[String: Any]])
    }

    @Test("every entry, oldest first, as the table holds them (text and json)", arguments: StoreKind.available)
    func wholeLog(kind: StoreKind) throws {
        let store = try applied(kind)
        let count = try store.column("SELECT CAST(COUNT(*) AS TEXT) FROM audit_log")
        let text = try runOrgtree(["audit", "log", "--state", store.url])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasSuffix("\(count[0]) audit entries in \(store.url)\n"), "\(text.stdout.suffix(200))")
        #expect(text.stdout.hasPrefix("1  "))
        #expect(text.stdout.contains(#/\s\srevision 1 by ann( at [0-9a-f]{12})?: insert people ann\n\s{4}after id=ann;/#), "\(text.stdout.prefix(400))")
        #expect(!text.stdout.contains("\u{1B}["))

        let json = try runOrgtree(["audit", "log", "--state", store.url, "--format", "json"])
        let entries = try Self.entries(json.stdout)
        #expect(String(entries.count) == count[0])
        #expect(entries.map { $0["seq"] as? Int } == (1...entries.count).map { $0 })
        let last = try #require(entries.last)
        #expect(last["action"] as? String == "revision" && last["target"] as? String == "1")
        #expect(last["actor"] as? String == "ann" && last["before"] is NSNull)
        // One entry per line, as every JSON orgtree writes.
        #expect(json.stdout.split(separator: "\n").count == entries.count + 2)
    }

    @Test("--subject keeps the entries about one subject; --since those of applies from a day", arguments: StoreKind.available)
    func filters(kind: StoreKind) throws {
        let store = try applied(kind)
        func targets(_ arguments: [String]) throws -> [String] {
            let r = try runOrgtree(["audit", "log", "--state", store.url, "--format", "json"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            return try Self.entries(r.stdout).map { $0["target"] as? String ?? "" }
        }
        let kai = try targets(["--subject", "kai"])
        #expect(kai.contains("people kai") && kai.contains("kai"))
        #expect(kai.allSatisfy { $0 == "kai" || $0.split(separator: " ").last!.split(separator: "/").contains("kai") }, "\(kai)")
        #expect(!kai.contains { $0.contains("kaia") })

        let gus = try targets(["--subject", "pixel/gus"])
        #expect(gus.contains("pixel/gus") && gus.contains("agency_people pixel/gus"), "\(gus)")
        #expect(gus.contains { $0.hasPrefix("activations pixel/") && $0.hasSuffix("/gus") }, "\(gus)")
        #expect(!gus.contains { $0.contains("hana") })

        let token = try targets(["--subject", "token:shop/ci-deploy"])
        #expect(token.contains("token:shop/ci-deploy") && token.contains("tokens shop/ci-deploy"), "\(token)")

        let all = try targets([])
        #expect(try targets(["--since", "2000-01-01"]) == all)
        #expect(try targets(["--since", "2999-01-01"]).isEmpty)
        #expect(try targets(["--subject", "nobody-here"]).isEmpty)
        let none = try runOrgtree(["audit", "log", "--state", store.url, "--subject", "nobody-here", "--since", "2999-01-01"])
        #expect(none.stdout == "No audit entries in \(store.url) (subject nobody-here, since 2999-01-01).\n")
    }

    @Test("a bad subject or day is a usage error; a missing store has no entries")
    func trouble() throws {
        let folder = TemporaryFolder()
        let url = "sqlite:\(folder.path)/none.db"
        #expect(try runOrgtree(["audit", "log", "--state", url]).stdout == "No audit entries in \(url).\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.db"))
        let subject = try runOrgtree(["audit", "log", "--state", url, "--subject", "Ann%"])
        #expect(subject.status == 2 && subject.stderr.contains("--subject takes"))
        let day = try runOrgtree(["audit", "log", "--state", url, "--since", "yesterday"])
        #expect(day.status == 2 && day.stderr.contains("--since takes a day as YYYY-MM-DD"))
    }

    @Test("the subject filter matches whole ids of a row's key, in order")
    func subjectMatching() {
        let gus = AuditFilter(subject: Subject("pixel/gus"))
        #expect(gus.matches(target: "pixel/gus"))
        #expect(gus.matches(target: "activations pixel/helpdesk/gus"))
        #expect(!gus.matches(target: "activations gus/helpdesk/pixel"))
        #expect(!gus.matches(target: "agency_people pixel/gust"))
        #expect(!gus.matches(target: "gus"))
        let ann = AuditFilter(subject: Subject("ann"))
        #expect(ann.matches(target: "project_people shop/ann") && !ann.matches(target: "people anna"))
        #expect(!ann.matches(target: "2"))
        #expect(AuditFilter().matches(target: "anything"))
    }
}
