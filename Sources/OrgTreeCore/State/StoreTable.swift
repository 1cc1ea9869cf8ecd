/// A table of the state store that mirrors the tree: its name, its columns (all text;
/// an empty string is stored as NULL) and how many leading columns form its key.
public struct StoreTable: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    public var keyCount: Int
    /// Derived from the others (effective access), rather than written in the tree.
    public var derived: Bool

    public init(_ name: String, _ columns: [String], key keyCount: Int, derived: Bool = false) {
        self.name = name
        self.columns = columns
        self.keyCount = keyCount
        self.derived = derived
    }
}

/// The tables, in the order rows are written (parents before children). Deletes run in
/// the reverse order. Columns the store manages itself (invitation state, token secret
/// hashes, revocation) are not part of these: see `StateSchema` in OrgTreeState. Each
/// table's columns are given by its row type (`StoreRow`).
public enum StoreTables {
    public static let all: [StoreTable] = StoreSnapshot.tables.map(\.table).filter { !$0.derived }
        + [EffectiveAccessRow.table, EffectivePermissionRow.table, EffectiveTemplatePermissionRow.table, DefaultPermissionRow.table]

    public static func named(_ name: String) -> StoreTable? { all.first { $0.name == name } }
}
