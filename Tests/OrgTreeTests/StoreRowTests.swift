import Testing
@testable import OrgTreeCore

/// Each row type's column encoding (`column(_:)`) and decoding (`init(columns:)`) agree,
/// and rows sort as the store's keys do.
@Suite("Store rows")
struct StoreRowTests {
    /// Every row type: the snapshot's tables and the per-subject effective tables.
    static func eachRowType(_ body: (any StoreRow.Type) throws -> Void) rethrows {
        func rowType<T: SnapshotTable>(_: T) -> any StoreRow.Type { T.Row.self }
        for table in StoreSnapshot.tables { try body(rowType(table)) }
        try body(EffectiveAccessRow.self)
        try body(EffectivePermissionRow.self)
        try body(EffectiveTemplatePermissionRow.self)
    }

    @Test("a row decoded from columns encodes to the same columns, in the table's order")
    func roundTrip() throws {
        func check<Row: StoreRow>(_: Row.Type) throws {
            let columns = Row.table.columns.map { "value of \($0)" }
            let row = try Row(columns: columns)
            #expect(row.columns == columns, "\(Row.table.name)")
            #expect(row.keyColumns == Array(columns.prefix(Row.table.keyCount)), "\(Row.table.name)")
        }
        var names: [String] = []
        try Self.eachRowType { type in
            try check(type)
            names.append(type.table.name)
        }
        #expect(names.sorted() == StoreTables.all.map(\.name).sorted())
    }

    @Test("a row with the wrong number of columns is an error naming its table and row")
    func wrongColumns() {
        #expect(throws: StoreRowError.self) { try PersonRow(columns: ["ann", "Ann"]) }
        do {
            _ = try TeamRow(columns: ["core"])
        } catch {
            #expect("\(error)" == "teams row (core): 1 columns where the table has 2")
        }
    }

    @Test("effective rows, compared field by field, sort as their columns do")
    func effectiveOrder() throws {
        let values = ["", "*", "a", "b", "proj-1"]
        var access: [EffectiveAccessRow] = [], permissions: [EffectivePermissionRow] = []
        for a in values {
            for b in values {
                for c in values {
                    access.append(EffectiveAccessRow(subject: a, project: b, role: c))
                    permissions.append(EffectivePermissionRow(subject: b, project: a, permission: c, role: b))
                    permissions.append(EffectivePermissionRow(subject: a, project: a, permission: b, role: c, environment: b))
                }
            }
        }
        access.shuffle()
        permissions.shuffle()
        #expect(access.sorted().map(\.columns) == access.map(\.columns).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(permissions.sorted().map(\.columns) == permissions.map(\.columns).sorted { $0.lexicographicallyPrecedes($1) })
    }
}
