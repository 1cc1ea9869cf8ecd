import Crypto
import Foundation
import OrgTreeCore
import Testing

/// Shipped migrations are frozen; the code's tables must exist, column for column, in a
/// store brought to the latest schema.
@Suite("Store migrations")
struct MigrationTests {
    @Test("a migrated store has every table and column the code writes", arguments: StoreKind.available)
    func latestSchemaHasTheCodesColumns(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let applied = try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--secrets-out", store.tmp + "/secrets.txt"])
        #expect(applied.status == 0, "\(applied.stderr)")
        for table in StoreTables.all {
            let query = switch kind {
            case .sqlite: "SELECT name FROM pragma_table_info('\(table.name)')"
            case .postgres: "SELECT column_name FROM information_schema.columns WHERE table_name = '\(table.name)'"
            }
            let columns = Set(try store.column(query))
            #expect(Set(table.columns).isSubset(of: columns), "\(table.name): \(columns)")
        }
        #expect(try store.column("SELECT version FROM orgtree_schema ORDER BY version") == ["1", "2"])
    }

    /// A store as orgtree of schema 1 left it: sample-org applied, then every trace of
    /// schema 2 taken out (its tables, the environment column, its version) and the
    /// effective digests recorded as schema 1 computed them (computed here, independently
    /// of the migration's code); one subject's rows changed outside orgtree.
    static func schema1Store(_ kind: StoreKind, tree: String) throws -> TestStore {
        let store = try TestStore(kind)
        #expect(try runOrgtree(["apply", tree, "--state", store.url, "--at", "2026-11-23", "--secrets-out", store.tmp + "/s1"]).status == 0)
        var access: [String: [String]] = [:], permissions: [String: [String]] = [:]
        let separator = "\u{1F}"
        for line in try store.column("SELECT subject || '\u{1F}' || project || '\u{1F}' || role FROM effective_access") {
            access[String(line.prefix { $0 != "\u{1F}" }), default: []].append(line)
        }
        for line in try store.column("SELECT subject || '\u{1F}' || project || '\u{1F}' || permission || '\u{1F}' || role FROM effective_permissions") {
            permissions[String(line.prefix { $0 != "\u{1F}" }), default: []].append(line)
        }
        var updates: [String] = []
        for subject in Set(access.keys).union(permissions.keys) {
            let lines = (access[subject] ?? []).sorted().map { "a" + separator + $0 } + (permissions[subject] ?? []).sorted().map { "p" + separator + $0 }
            let digest = SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
            updates.append("UPDATE effective_digests SET digest = '\(digest)' WHERE subject = '\(subject)';")
        }
        try store.sql(updates.joined(separator: "\n"))
        for statement in ["DROP TABLE effective_template_permissions", "DROP TABLE declared_templates",
                          "ALTER TABLE effective_permissions DROP COLUMN environment", "DELETE FROM orgtree_schema WHERE version = '2'",
                          // Changed outside orgtree before the upgrade: drift, before and after it.
                          "UPDATE effective_access SET role = 'owner' WHERE subject = 'kai' AND project = 'helpdesk'"] {
            try store.sql(statement)
        }
        return store
    }

    /// Every table's rows as text, sorted, for comparing two stores.
    static func contents(_ store: TestStore) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for table in StoreTables.all {
            let row = table.columns.map { "COALESCE(\($0), '')" }.joined(separator: " || '|' || ")
            result[table.name] = try store.column("SELECT \(row) FROM \(table.name)").sorted()
        }
        result["effective_digests"] = try store.column("SELECT subject || '|' || digest FROM effective_digests").sorted()
        return result
    }

    @Test("a store of schema 1 is migrated without drift, and the next applies make it equal a new store", arguments: StoreKind.available)
    func fromSchema1(kind: StoreKind) throws {
        let tree = Repo.path("sample-org")
        let old = try Self.schema1Store(kind, tree: tree)
        #expect(try old.column("SELECT version FROM orgtree_schema") == ["1"])
        // Opening it for a plan migrates it; only what changed outside orgtree is drift.
        let plan = try runOrgtree(["plan", tree, "--state", old.url, "--at", "2026-11-23"])
        #expect(plan.status == 1, "\(plan.stderr)")
        #expect(try old.column("SELECT version FROM orgtree_schema ORDER BY version") == ["1", "2"])
        let drift = try runOrgtree(["drift", "--state", old.url])
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("kai"))
        #expect(!drift.stdout.contains("token:"), "\(drift.stdout)")
        #expect(!drift.stdout.contains("ann"), "\(drift.stdout)")
        // Token rows hold in the token's environment from the migration on.
        #expect(try old.column("SELECT DISTINCT environment FROM effective_permissions WHERE subject = 'token:shop/ci-deploy'") == ["production"])
        // The plain apply writes the declared templates and the template rows; then
        // --recompute-all puts kai back; the store now equals one made by this orgtree.
        #expect(try runOrgtree(["apply", tree, "--state", old.url, "--at", "2026-11-23", "--secrets-out", old.tmp + "/s2"]).status == 0)
        #expect(try old.column("SELECT COUNT(*) FROM effective_template_permissions") != ["0"])
        #expect(try runOrgtree(["apply", tree, "--state", old.url, "--at", "2026-11-23", "--recompute-all", "--secrets-out", old.tmp + "/s3"]).status == 0)
        #expect(try runOrgtree(["drift", "--state", old.url]).status == 0)
        #expect(try runOrgtree(["plan", tree, "--state", old.url, "--at", "2026-11-23"]).status == 0)
        let new = try TestStore(kind)
        #expect(try runOrgtree(["apply", tree, "--state", new.url, "--at", "2026-11-23", "--secrets-out", new.tmp + "/s"]).status == 0)
        let (migrated, fresh) = (try Self.contents(old), try Self.contents(new))
        for table in fresh.keys.sorted() {
            #expect(migrated[table] == fresh[table], "\(table) differs")
        }
    }
}
