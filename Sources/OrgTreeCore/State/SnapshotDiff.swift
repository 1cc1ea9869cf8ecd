/// The row changes that turn one snapshot into another, table by table in write order.
public enum SnapshotDiff {
    public static func changes(from old: StoreSnapshot, to new: StoreSnapshot) -> [RowChange] {
        StoreSnapshot.tables.flatMap { $0.changes(from: old, to: new) }
    }

    /// The changes between two tables' rows, each sorted by key: a merge of the two.
    public static func changes<Row: StoreRow>(from a: [Row], to b: [Row]) -> [RowChange] {
        var result: [RowChange] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let order = i == a.count ? 1 : j == b.count ? -1 : Row.keyOrder(a[i], b[j])
            if order < 0 {
                result.append(RowChange(.delete, before: a[i], after: nil))
                i += 1
            } else if order > 0 {
                result.append(RowChange(.insert, before: nil, after: b[j]))
                j += 1
            } else {
                if a[i] != b[j] { result.append(RowChange(.update, before: a[i], after: b[j])) }
                i += 1
                j += 1
            }
        }
        return result
    }
}
