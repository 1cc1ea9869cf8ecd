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
}
