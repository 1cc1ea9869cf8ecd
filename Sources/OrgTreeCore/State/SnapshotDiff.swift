/// One row to insert, update or delete in the state store.
public struct RowChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case insert, update, delete }

    public var table: String
    public var kind: Kind
    public var key: [String]
    public var before: StoreSnapshot.Row?
    public var after: StoreSnapshot.Row?

    public init(table: String, kind: Kind, key: [String], before: StoreSnapshot.Row?, after: StoreSnapshot.Row?) {
        self.table = table
        self.kind = kind
        self.key = key
        self.before = before
        self.after = after
    }
}

/// The row changes that turn one snapshot into another, table by table in write order.
public enum SnapshotDiff {
    public static func changes(from old: StoreSnapshot, to new: StoreSnapshot, tables: [StoreTable] = StoreTables.all) -> [RowChange] {
        var result: [RowChange] = []
        for table in tables {
            let k = table.keyCount
            let a = old.rows(table), b = new.rows(table)
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if j == b.count || (i < a.count && a[i].prefix(k).lexicographicallyPrecedes(b[j].prefix(k))) {
                    result.append(RowChange(table: table.name, kind: .delete, key: Array(a[i].prefix(k)), before: a[i], after: nil))
                    i += 1
                } else if i == a.count || b[j].prefix(k).lexicographicallyPrecedes(a[i].prefix(k)) {
                    result.append(RowChange(table: table.name, kind: .insert, key: Array(b[j].prefix(k)), before: nil, after: b[j]))
                    j += 1
                } else {
                    if a[i] != b[j] {
                        result.append(RowChange(table: table.name, kind: .update, key: Array(b[j].prefix(k)), before: a[i], after: b[j]))
                    }
                    i += 1
                    j += 1
                }
            }
        }
        return result
    }
}
