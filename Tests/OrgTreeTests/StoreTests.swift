import Foundation
import Testing
import OrgTreeCore
import OrgTreeState
import OrgTreeKit

/// One behaviour, two stores: every test runs against SQLite and PostgreSQL.
@Suite("State stores", .serialized)
struct StoreTests {
    static let day = "2026-11-23"

    /// A copy of sample-org that a test may edit.
    static func sampleCopy(in folder: String) throws -> String {
        let path = folder + "/tree"
        try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: path)
        return path
    }

    static func edit(_ file: String, _ body: (String) -> String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let changed = body(text)
        guard changed != text else { throw TestStoreError("the edit changed nothing in \(file)") }
        try changed.write(toFile: file, atomically: true, encoding: .utf8)
    }

    func apply(_ tree: String, _ store: TestStore, _ extra: [String] = []) throws -> ProcessResult {
        try runOrgtree(["apply", tree, "--state", store.url, "--at", Self.day, "--secrets-out", store.tmp + "/secrets-\(UUID().uuidString).txt"] + extra)
    }

    @Test("apply, then nothing to do; plan agrees", arguments: StoreKind.available)
    func applyIsIdempotent(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = Repo.path("sample-org")
        let plan = try runOrgtree(["plan", tree, "--state", store.url, "--at", Self.day])
        #expect(plan.status == 1)
        #expect(plan.stdout.contains("Apply would write revision 1"))
        let first = try apply(tree, store)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("Applied revision 1"))
        #expect(first.stdout.contains("Invited 16 (the platform sends the confirmation e-mail):\n  ann\n  bruno\n"))
        let second = try apply(tree, store)
        #expect(second.status == 0)
        #expect(second.stdout.contains("No changes"))
        #expect(try runOrgtree(["plan", tree, "--state", store.url, "--at", Self.day]).status == 0)
        #expect(try store.column("SELECT CAST(number AS TEXT) FROM revisions") == ["1"])
        #expect(try store.column("SELECT invitation FROM people WHERE id = 'ann'") == ["invited"])
    }

    @Test("plan never writes", arguments: StoreKind.available)
    func planIsReadOnly(kind: StoreKind) throws {
        let store = try TestStore(kind)
        if kind == .sqlite {
            #expect(try runOrgtree(["plan", Repo.path("sample-org"), "--state", store.url]).status == 1)
            #expect(!FileManager.default.fileExists(atPath: String(store.url.dropFirst(7))))
        }
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        let folder = TemporaryFolder()
        let tree = try Self.sampleCopy(in: folder.path)
        try Self.edit(tree + "/people/pia.yaml") { $0.replacingOccurrences(of: "jobTitle:", with: "jobTitle: \"Senior\"\n# was:") }
        #expect(try runOrgtree(["plan", tree, "--state", store.url, "--at", Self.day]).status == 1)
        #expect(try store.column("SELECT CAST(number AS TEXT) FROM revisions") == ["1"])
        #expect(try runOrgtree(["drift", "--state", store.url]).status == 0)
    }

    @Test("import writes a tree that validates and re-applies to nothing", arguments: StoreKind.available)
    func importRoundTrips(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        let out = store.tmp + "/imported"
        let r = try runOrgtree(["import", "--state", store.url, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try runOrgtree(["validate", out, "--at", Self.day]).status == 0)
        let again = try apply(out, store)
        #expect(again.stdout.contains("No changes"), "\(again.stdout)\(again.stderr)")
    }

    @Test("import refuses an id from the store that would be a path outside --out", arguments: StoreKind.available)
    func importRefusesTraversalIDs(kind: StoreKind) throws {
        let cases = [
            ("INSERT INTO people (id, first_name, last_name, email, tfa_method) VALUES ('../../../victim', 'V', 'Ictim', 'v@example.com', 'app')",
             "the store's people row (id '../../../victim')"),
            ("INSERT INTO projects (id, name) VALUES ('../../../x', 'X')", "the store's projects row (id '../../../x')"),
        ]
        for (statement, named) in cases {
            let store = try TestStore(kind)
            #expect(try apply(Repo.path("sample-org"), store).status == 0)
            try store.sql(statement)
            let out = store.tmp + "/a/b/c/imported"
            let r = try runOrgtree(["import", "--state", store.url, "--out", out])
            #expect(r.status == 2)
            #expect(r.stderr.contains(named), "\(r.stderr)")
            #expect(r.stderr.contains("is not a valid id"), "\(r.stderr)")
            // Nothing was written: not outside --out, and no half tree inside it.
            let everything = FileManager.default.enumerator(atPath: store.tmp)?.allObjects as? [String] ?? []
            #expect(everything.filter { $0.hasSuffix(".yaml") || $0.hasSuffix("/x") || $0 == "x" } == [], "\(everything)")
        }
    }

    @Test("text with backslashes, tabs and line breaks is stored and read back exactly", arguments: StoreKind.available)
    func awkwardText(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = try Self.sampleCopy(in: store.tmp)
        // In YAML: "R&D \\ QA\tlead\nnights \\N" — a backslash, a tab, a line break and a
        // text that reads as NULL in PostgreSQL's COPY format unless escaped.
        try Self.edit(tree + "/people/pia.yaml") {
            $0.replacingOccurrences(of: "jobTitle: Marketing Analyst", with: #"jobTitle: "R&D \\ QA\tlead\nnights \\N""#)
        }
        // And a backslash alone (no tab or line break in the value).
        try Self.edit(tree + "/people/kai.yaml") { $0.replacingOccurrences(of: "jobTitle: Support Agent", with: #"jobTitle: "\\N""#) }
        let applied = try apply(tree, store)
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        #expect(try store.column("SELECT job_title FROM people WHERE id = 'kai'") == [#"\N"#])
        let title = "R&D \\ QA\tlead\nnights \\N"
        let shown = { (text: String) in text.replacingOccurrences(of: "\t", with: "<tab>").replacingOccurrences(of: "\n", with: "<nl>") }
        let stored = kind == .sqlite
            ? try store.column("SELECT job_title FROM people WHERE id = 'pia'")
            : try store.column("SELECT replace(replace(job_title, E'\\t', '<tab>'), E'\\n', '<nl>') FROM people WHERE id = 'pia'")
        #expect(stored == [kind == .sqlite ? title : shown(title)])
        // The audit log (written in bulk) holds the row's text; its hashes were computed
        // from the text before it was written.
        #expect(try runOrgtree(["audit", "verify", "--state", store.url]).status == 0)
        let out = store.tmp + "/imported"
        #expect(try runOrgtree(["import", "--state", store.url, "--out", out]).status == 0)
        #expect(try apply(out, store).stdout.contains("No changes"))
    }

    @Test("a saved plan applies exactly, and a stale one is refused", arguments: StoreKind.available)
    func planFiles(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let planFile = store.tmp + "/plan.json"
        let tree = Repo.path("sample-org")
        #expect(try runOrgtree(["plan", tree, "--state", store.url, "--at", Self.day, "--out", planFile]).status == 1)
        let text = try String(contentsOfFile: planFile, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["format_version"] as? Int == 1)
        #expect(!text.contains("otk_"))
        #expect(try apply(tree, store, ["--plan", planFile]).status == 0)
        // The same plan again: the store moved on to revision 1.
        let stale = try apply(tree, store, ["--plan", planFile])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("made against store revision 0"))
        // A plan for a tree that changed since.
        let folder = TemporaryFolder()
        let edited = try Self.sampleCopy(in: folder.path)
        #expect(try runOrgtree(["plan", edited, "--state", store.url, "--at", Self.day, "--out", planFile]).status == 0)
        try Self.edit(edited + "/people/pia.yaml") { $0 + "\n# a comment changes the digest\n" }
        let changed = try apply(edited, store, ["--plan", planFile])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("the tree changed since the plan was made"))
        #expect(try store.column("SELECT CAST(number AS TEXT) FROM revisions") == ["1"])

        // A saved plan is applied on its own day: made for 2028-07-01, when three tokens have
        // expired, and applied without --at (on any other day it would not match).
        let laterFolder = TemporaryFolder()
        let later = try Self.sampleCopy(in: laterFolder.path)
        try FileManager.default.removeItem(atPath: later + "/assertions")
        let laterPlan = store.tmp + "/later.json"
        #expect(try runOrgtree(["plan", later, "--state", store.url, "--at", "2028-07-01", "--out", laterPlan]).status == 1)
        let onItsDay = try runOrgtree(["apply", later, "--state", store.url, "--plan", laterPlan, "--max-removals", "10"])
        #expect(onItsDay.status == 0, "\(onItsDay.stdout)\(onItsDay.stderr)")
        #expect(try store.column("SELECT permission FROM effective_permissions WHERE subject = 'token:shop/ci-deploy'").isEmpty)
    }

    @Test("safety refusals write nothing", arguments: StoreKind.available)
    func safety(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let folder = TemporaryFolder()
        let tree = try Self.sampleCopy(in: folder.path)
        // Without its assertions and tokens, so that access can change and the tree stays valid.
        for path in ["assertions", "projects/helpdesk/tokens.yaml", "projects/shop/tokens.yaml"] {
            try FileManager.default.removeItem(atPath: tree + "/" + path)
        }
        #expect(try apply(tree, store).status == 0)

        // More subjects losing access than the default --max-removals (5).
        try Self.edit(tree + "/projects/internal-faq/project.yaml") { $0.replacingOccurrences(of: "default: reader", with: "default: none") }
        let many = try apply(tree, store)
        #expect(many.status == 1)
        #expect(many.stderr.contains("would lose access, more than --max-removals 5"))
        #expect(try apply(tree, store, ["--max-removals", "100"]).status == 0)

        // An admin may not add an owner; nobody may take away their own role.
        try Self.edit(tree + "/organization.yaml") { $0.replacingOccurrences(of: "    - bruno\n", with: "    - bruno\n    - emil\n") }
        let admin = try apply(tree, store, ["--actor", "chloe"])
        #expect(admin.status == 1, "\(admin.stdout)")
        #expect(admin.stderr.contains("refused: chloe may not make"), "\(admin.stderr)")
        #expect(admin.stderr.contains("emil: org role member → owner"), "\(admin.stderr)")
        #expect(admin.stderr.contains("needs an org owner (chloe is an org admin)"), "\(admin.stderr)")
        #expect(try apply(tree, store, ["--actor", "ann"]).status == 0)

        // Removing every current owner.
        try Self.edit(tree + "/organization.yaml") {
            $0.replacingOccurrences(of: "    - ann\n    - bruno\n    - emil\n", with: "    - fatima\n")
                .replacingOccurrences(of: "createdBy: ann", with: "createdBy: fatima")
        }
        let owners = try apply(tree, store)
        #expect(owners.status == 1, "\(owners.stdout)\(owners.stderr)")
        #expect(owners.stderr.contains("removes every current owner"))

        // A tree that does not validate.
        try Self.edit(tree + "/people/pia.yaml") { $0.replacingOccurrences(of: "email:", with: "emial:") }
        let invalid = try apply(tree, store)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("does not validate"))
        #expect(try store.column("SELECT CAST(MAX(number) AS TEXT) FROM revisions") == ["3"])
    }

    @Test("token secrets: once to a 0600 file, only the hash stored, revoked when removed", arguments: StoreKind.available)
    func tokens(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let secrets = store.tmp + "/secrets.txt"
        let r = try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--at", Self.day, "--secrets-out", secrets])
        #expect(r.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: secrets)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try String(contentsOfFile: secrets, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("token:") }
        #expect(lines.count == 4)
        let secret = String(lines.first { $0.hasPrefix("token:shop/ci-deploy ") }!.split(separator: " ")[1])
        #expect(!r.stdout.contains(secret))
        #expect(try store.column("SELECT secret_hash FROM tokens WHERE id = 'ci-deploy'") == ["sha256:" + Digests.hex(secret)])
        #expect(try store.column("SELECT COUNT(*) FROM audit_log WHERE after LIKE '%otk_%' OR before LIKE '%otk_%'") == ["0"])
        // No secrets file: refused while there are new tokens.
        let other = try TestStore(kind)
        let refused = try runOrgtree(["apply", Repo.path("sample-org"), "--state", other.url, "--at", Self.day])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("need --secrets-out"))

        let tree = try Self.sampleCopy(in: other.tmp)
        try FileManager.default.removeItem(atPath: tree + "/assertions")  // they name the token removed here
        try Self.edit(tree + "/projects/shop/tokens.yaml") { text in
            let start = text.range(of: "  analytics-export:")!.lowerBound
            return String(text[..<start])
        }
        try Self.edit(tree + "/projects/shop/tokens.yaml") { $0.replacingOccurrences(of: "      - content:read\n      - content:write\n", with: "      - content:read\n") }
        #expect(try apply(tree, store).status == 0)
        #expect(try store.column("SELECT CASE WHEN revoked_at IS NULL THEN 'live' ELSE 'revoked' END FROM tokens WHERE id = 'analytics-export'") == ["revoked"])
        #expect(try store.column("SELECT scopes FROM tokens WHERE id = 'ci-deploy'") == ["[\"content:read\"]"])
        #expect(try store.column("SELECT permission FROM effective_permissions WHERE subject = 'token:shop/ci-deploy'") == ["content:read"])

        // The token comes back: a new secret, and the revoked row is replaced, not kept twice.
        let back = try apply(Repo.path("sample-org"), store)
        #expect(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(back.stdout.contains("New tokens 1"))
        #expect(try store.column("SELECT CASE WHEN revoked_at IS NULL THEN 'live' ELSE 'revoked' END FROM tokens WHERE id = 'analytics-export'") == ["live"])
    }

    @Test("drift: changes outside orgtree are found, and apply puts the tree back", arguments: StoreKind.available)
    func drift(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        try store.sql("UPDATE people SET slack_id = 'U0HACKED' WHERE id = 'pia'")
        try store.sql("INSERT INTO org_grants (person, permission) VALUES ('pia', 'billing.manage')")
        try store.sql("DELETE FROM team_members WHERE team = 'support' AND person = 'kai'")
        try store.sql("UPDATE people SET invitation = 'accepted' WHERE id = 'ann'")  // the platform's own column
        let r = try runOrgtree(["drift", "--state", store.url])
        #expect(r.status == 1)
        #expect(r.stdout.contains("modified outside orgtree: people pia"))
        #expect(r.stdout.contains("added outside orgtree: org_grants pia/billing.manage"))
        #expect(r.stdout.contains("removed outside orgtree: team_members support/kai"))
        #expect(!r.stdout.contains("people ann"))
        let plan = try runOrgtree(["plan", Repo.path("sample-org"), "--state", store.url, "--at", Self.day])
        #expect(plan.stdout.contains("Changed in the store outside orgtree (drift), 3"))
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        #expect(try runOrgtree(["drift", "--state", store.url]).status == 0)
        #expect(try store.column("SELECT invitation FROM people WHERE id = 'ann'") == ["accepted"])
    }

    @Test("effective rows changed outside orgtree: found by drift, restored by apply --recompute-all", arguments: StoreKind.available)
    func effectiveDrift(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        // Someone gives pia owner rights on every project, and takes kai's rows away.
        try store.sql("INSERT INTO effective_permissions (subject, project, permission, role) VALUES ('pia', '*', 'project.delete', 'owner')")
        try store.sql("DELETE FROM effective_permissions WHERE subject = 'kai'")
        let drift = try runOrgtree(["drift", "--state", store.url])
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("modified outside orgtree: effective access pia"))
        #expect(drift.stdout.contains("`orgtree apply --recompute-all` will put the tree's state back"))
        let plan = try runOrgtree(["plan", Repo.path("sample-org"), "--state", store.url, "--at", Self.day, "--recompute-all"])
        #expect(plan.status == 1, "\(plan.stdout)")
        #expect(plan.stdout.contains("Effective rows changed outside orgtree are written back by `apply --recompute-all` only."))
        // A plain apply trusts the digests it recorded: nothing to do, the drift stays.
        #expect(try apply(Repo.path("sample-org"), store).stdout.contains("No changes"))
        #expect(try runOrgtree(["drift", "--state", store.url]).status == 1)
        let fixed = try apply(Repo.path("sample-org"), store, ["--recompute-all"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("effective access of 2 subjects"))
        #expect(try runOrgtree(["drift", "--state", store.url]).status == 0)
        #expect(try store.column("SELECT permission FROM effective_permissions WHERE subject = 'pia' AND project = '*'").isEmpty)
        let audit = try store.column("SELECT before FROM audit_log WHERE action = 'change-access' AND target = 'pia'")
        #expect(audit.count == 1 && audit[0].contains("* no role +project.delete as owner"), "\(audit)")

        // A plan file made with --recompute-all is applied the same way.
        try store.sql("DELETE FROM effective_access WHERE subject = 'kai'")
        let planFile = store.tmp + "/plan.json"
        #expect(try runOrgtree(["plan", Repo.path("sample-org"), "--state", store.url, "--at", Self.day, "--recompute-all", "--out", planFile]).status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any]
        #expect(document?["recompute_all"] as? Bool == true)
        let fromFile = try apply(Repo.path("sample-org"), store, ["--plan", planFile])
        #expect(fromFile.status == 0, "\(fromFile.stdout)\(fromFile.stderr)")
        #expect(try runOrgtree(["drift", "--state", store.url]).status == 0)
    }

    @Test("audit log: one entry per change, chained; tampering is found", arguments: StoreKind.available)
    func audit(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store, ["--actor", "ann"]).status == 0)
        let ok = try runOrgtree(["audit", "verify", "--state", store.url])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("intact: 126 entries"))
        #expect(try store.column("SELECT DISTINCT actor FROM audit_log") == ["ann"])
        try store.sql("UPDATE audit_log SET after = 'role=reader' WHERE seq = 7")
        let broken = try runOrgtree(["audit", "verify", "--state", store.url])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("broken at entry 7"))
    }

    @Test("a lock left behind: plan says so; on SQLite a holder on another host blocks apply until unlocked by its id, on PostgreSQL a row without its session lock is taken over", arguments: StoreKind.available)
    func locks(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        try store.sql("INSERT INTO locks (name, id, holder, operation, acquired_at) VALUES ('store', 'deadbeef00000001', 'ci@runner pid 4242', 'apply', '2026-11-23T08:00:00Z')")
        let tree = try Self.sampleCopy(in: store.tmp)
        try Self.edit(tree + "/people/pia.yaml") { $0.replacingOccurrences(of: "jobTitle:", with: "jobTitle: \"Lead\"\n# was:") }
        // plan reads on, and says first that an apply holds the lock.
        let plan = try runOrgtree(["plan", tree, "--state", store.url, "--at", "2026-11-23"])
        #expect(plan.status == 1, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("Store \(store.url) is at revision 1. It is locked (lock deadbeef00000001 held by ci@runner pid 4242 for apply since 2026-11-23T08:00:00Z): that apply may be writing now"), "\(plan.stdout.prefix(300))")
        let json = try runOrgtree(["plan", tree, "--state", store.url, "--at", "2026-11-23", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["lock"] as? [String: String] == ["acquired_at": "2026-11-23T08:00:00Z", "holder": "ci@runner pid 4242",
                                                          "id": "deadbeef00000001", "operation": "apply"])
        if kind == .postgres {
            // No session holds the lock's advisory lock: its holder is gone, and apply takes it over.
            let taken = try apply(tree, store)
            #expect(taken.status == 0, "\(taken.stderr)")
            #expect(taken.stderr.contains("took over the store's lock deadbeef00000001 held by ci@runner pid 4242 for apply since 2026-11-23T08:00:00Z: its holder's database session ended"), "\(taken.stderr)")
            return
        }
        // SQLite: a holder on another host cannot be checked, so its lock stands.
        let blocked = try apply(tree, store)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("lock deadbeef00000001 held by ci@runner pid 4242 for apply since 2026-11-23T08:00:00Z"))
        #expect(try runOrgtree(["unlock", "--state", store.url, "0000"]).status == 2)
        #expect(try runOrgtree(["unlock", "--state", store.url, "deadbeef00000001"]).status == 0)
        #expect(try apply(tree, store).status == 0)
    }

    @Test("a PostgreSQL role with SELECT only can plan and check drift; its apply ends with exit 2")
    func selectOnlyRole() throws {
        guard StoreKind.available.contains(.postgres) else { return }
        let store = try TestStore(.postgres)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        let role = "orgtree_auditor_\(UInt32.random(in: 0...UInt32.max))"
        try store.sql("CREATE ROLE \(role) LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);")
        defer { _ = try? store.sql("DROP OWNED BY \(role); DROP ROLE \(role);") }
        let url = store.url.replacingOccurrences(of: "://orgtree@", with: "://\(role)@")
        #expect(url != store.url)
        let unchanged = try runOrgtree(["plan", Repo.path("sample-org"), "--state", url, "--at", "2026-11-23"])
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        #expect(unchanged.stdout.contains("No changes."), "\(unchanged.stdout.suffix(300))")
        #expect(try runOrgtree(["drift", "--state", url]).status == 0)
        let tree = try Self.sampleCopy(in: store.tmp)
        try Self.edit(tree + "/people/pia.yaml") { $0.replacingOccurrences(of: "jobTitle:", with: "jobTitle: \"Lead\"\n# was:") }
        let changed = try runOrgtree(["plan", tree, "--state", url, "--at", "2026-11-23"])
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(changed.stdout.contains("~ people pia (job_title: Marketing Analyst → Lead)"), "\(changed.stdout.prefix(600))")
        let refused = try runOrgtree(["apply", tree, "--state", url, "--at", Self.day, "--secrets-out", store.tmp + "/secrets-auditor.txt"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("permission denied"), "\(refused.stderr)")
        #expect(try store.column("SELECT max(number) FROM revisions") == ["1"])
    }

    @Test("a lock row that cannot be written ends apply with exit 2 at once, even with a lock timeout", arguments: StoreKind.available)
    func lockNotWritable(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        switch kind {
        case .sqlite:
            try store.sql("CREATE TRIGGER refuse_locks BEFORE INSERT ON locks BEGIN SELECT RAISE(FAIL, 'no locks here'); END")
        case .postgres:
            try store.sql("""
                CREATE FUNCTION refuse_locks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no locks here'; END $$;
                CREATE TRIGGER refuse_locks BEFORE INSERT ON locks FOR EACH ROW EXECUTE FUNCTION refuse_locks();
                """)
        }
        let tree = try Self.sampleCopy(in: store.tmp)
        try Self.edit(tree + "/people/pia.yaml") { $0.replacingOccurrences(of: "jobTitle:", with: "jobTitle: \"Lead\"\n# was:") }
        let started = Date()
        let r = try apply(tree, store, ["--lock-timeout", "30"])
        #expect(r.status == 2)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(r.stderr.contains("cannot take the store's lock"), "\(r.stderr)")
        #expect(r.stderr.contains("no locks here"), "\(r.stderr)")
        #expect(try store.column("SELECT CAST(MAX(number) AS TEXT) FROM revisions") == ["1"])
        #expect(try store.column("SELECT COUNT(*) FROM locks") == ["0"])
    }
}

/// The access check that README.md and docs/state-store.md give the platform agrees with
/// the engine for every subject, permission and project of sample-org, in both stores, for
/// people who accepted their invitation; a person still invited is granted nothing.
@Suite("Platform access query", .serialized)
struct PlatformQueryTests {
    /// The access query of docs/state-store.md (its SQL block that reads
    /// `effective_permissions`), which README.md must repeat word for word, without its
    /// final semicolon.
    static func documentedQuery() throws -> String {
        func block(_ file: String) throws -> String {
            let text = try String(contentsOfFile: Repo.path(file), encoding: .utf8)
            var from = text.startIndex
            while let start = text.range(of: "```sql\n", range: from..<text.endIndex),
                  let end = text.range(of: "```", range: start.upperBound..<text.endIndex) {
                let sql = String(text[start.upperBound..<end.lowerBound])
                if sql.contains("effective_permissions") { return sql }
                from = end.upperBound
            }
            throw TestStoreError("\(file) has no ```sql block with the access query")
        }
        let documented = try block("docs/state-store.md")
        #expect(try block("README.md") == documented, "README.md and docs/state-store.md give different queries")
        return documented.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ";", with: "")
    }

    /// sample-org, and a copy where internal-faq's default role is owner (so that the
    /// defaults hold `analytics.facebook`, for members with a Facebook ID only).
    static let trees = ["sample-org", "owner-default"]

    @Test(arguments: StoreKind.available, Self.trees)
    func queryMatchesTheEngine(kind: StoreKind, treeName: String) throws {
        let store = try TestStore(kind)
        let day = Day("2026-11-23")!
        var tree = Repo.path("sample-org")
        if treeName == "owner-default" {
            tree = try StoreTests.sampleCopy(in: store.tmp)
            try StoreTests.edit(tree + "/projects/internal-faq/project.yaml") { $0.replacingOccurrences(of: "default: reader", with: "default: owner") }
        }
        #expect(try runOrgtree(["apply", tree, "--state", store.url, "--at", day.description,
                                "--secrets-out", store.tmp + "/s"]).status == 0)
        let loaded = try TreeReader().read(tree)
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
        #expect(result.isValid)
        let engine = result.engine
        /// One question: subject, capability, project, environment, template ('' for none).
        typealias Question = (subject: Subject, capability: Capability, project: String, environment: String, template: String)
        var questions: [Question] = []
        for subject in result.tree.subjects {
            for p in OrgPermission.allCases { questions.append((subject, .org(p), "", "", "")) }
            for project in result.tree.projectIDs {
                let document = result.tree.projects[project]!
                let environments = [""] + document.environments.map(\.value.rawValue)
                let templates = [""] + document.declaredTemplates.map(\.value)
                for p in ProjectPermission.allCases {
                    for environment in environments.prefix(2) {
                        for template in templates { questions.append((subject, .project(p), project, environment, template)) }
                    }
                }
                for s in TokenScope.allCases {
                    for environment in environments { questions.append((subject, .scope(s), project, environment, "")) }
                }
            }
        }
        /// The engine's answer: granted in that environment, on the whole project or, for a
        /// template role, on that template.
        func granted(_ q: Question) -> Bool {
            let environment = q.environment.isEmpty ? nil : Environment(rawValue: q.environment)
            if case .scope = q.capability, environment == nil { return false }  // a token acts in an environment
            let evaluation = engine.evaluate(q.subject, q.capability, on: q.project.isEmpty ? nil : q.project, in: environment, at: day)
            if evaluation.granted { return true }
            guard case .project(let permission) = q.capability, !q.template.isEmpty else { return false }
            let access = engine.projectAccess(of: q.subject, on: q.project)
            return engine.permissions(from: access, of: q.subject, on: q.project)[permission]?.templates?.contains(q.template) == true
        }
        func key(_ q: Question) -> String { "\(q.subject)|\(q.capability)|\(q.project)|\(q.environment)|\(q.template)" }
        // Everyone has accepted the invitation but kai, who is granted nothing yet.
        try store.sql(try InvitationTests.acceptance("ann").replacingOccurrences(of: "WHERE id = 'ann'", with: "WHERE id <> 'kai'"))
        let expected = Set(questions.filter { $0.subject != .person("kai") && granted($0) }.map(key))
        #expect(questions.contains { $0.subject == .person("kai") && granted($0) })
        // What this test must cover to mean anything.
        #expect(questions.contains { q in if case .scope = q.capability, !q.environment.isEmpty, !granted(q),
                                         engine.evaluate(q.subject, q.capability, on: q.project, at: day).granted { true } else { false } },
                "a token asked about another environment of its project")
        #expect(questions.contains { q in !q.template.isEmpty && granted(q) && !granted((q.subject, q.capability, q.project, q.environment, "")) },
                "a template role granted on one of its templates only")
        // The query exactly as README.md and docs/state-store.md give it, its parameters
        // filled in, once per question (in batches: SQLite allows 500 terms per UNION).
        let query = try Self.documentedQuery()
        var answered = Set<String>()
        for start in stride(from: 0, to: questions.count, by: 200) {
            let batch = questions[start..<min(questions.count, start + 200)].map { q in
                let filled = query
                    .replacingOccurrences(of: ":subject", with: "'\(q.subject)'")
                    .replacingOccurrences(of: ":permission", with: "'\(q.capability)'")
                    .replacingOccurrences(of: ":project", with: "'\(q.project)'")
                    .replacingOccurrences(of: ":environment", with: "'\(q.environment)'")
                    .replacingOccurrences(of: ":template", with: "'\(q.template)'")
                    .replacingOccurrences(of: ":today", with: "'\(day)'")
                return "SELECT '\(key(q))' AS granted WHERE EXISTS (SELECT 1 FROM (\(filled)) AS answer)"
            }
            answered.formUnion(try store.column(batch.joined(separator: "\nUNION ALL\n")))
        }
        #expect(expected.count > 100)
        #expect(answered == expected, "only in the store: \(answered.subtracting(expected).sorted().prefix(10)); only in the engine: \(expected.subtracting(answered).sorted().prefix(10))")
    }
}
