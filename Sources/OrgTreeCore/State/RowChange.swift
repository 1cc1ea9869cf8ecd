/// One row to insert, update or delete in the state store, as stored: the table, the key
/// columns and the row's columns before (as the store holds it) and after (as the tree
/// gives it), which the writer, the plan file and the audit log take as they are. Code
/// that reads a field decodes the row to its type (`rows(_:)`, `row(_:)`).
public struct RowChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case insert, update, delete }

    public var table: String
    public var kind: Kind
    public var key: [String]
    /// Nil for an insert.
    public var before: [String]?
    /// Nil for a delete.
    public var after: [String]?

    public init(table: String, kind: Kind, key: [String], before: [String]?, after: [String]?) {
        self.table = table
        self.kind = kind
        self.key = key
        self.before = before
        self.after = after
    }

    /// A change of a row of type `Row`: `before`, `after` or both are given.
    public init<Row: StoreRow>(_ kind: Kind, before: Row?, after: Row?) {
        self.init(table: Row.table.name, kind: kind, key: (after ?? before)?.keyColumns ?? [],
                  before: before?.columns, after: after?.columns)
    }

    /// The rows before and after, when the change is to a row of type `Row`; nil otherwise.
    public func rows<Row: StoreRow>(_: Row.Type) -> (before: Row?, after: Row?)? {
        guard table == Row.table.name else { return nil }
        return (before.flatMap { try? Row(columns: $0) }, after.flatMap { try? Row(columns: $0) })
    }

    /// The row the change is about, when it is of type `Row`: `after`, or `before` for a delete.
    public func row<Row: StoreRow>(_: Row.Type) -> Row? {
        guard table == Row.table.name, let columns = after ?? before else { return nil }
        return try? Row(columns: columns)
    }

    /// `before` decoded to the row type of the change's table (one of `StoreSnapshot.tables`).
    public var beforeRow: (any StoreRow)? { decoded(before) }

    /// `after` decoded to the row type of the change's table (one of `StoreSnapshot.tables`).
    public var afterRow: (any StoreRow)? { decoded(after) }

    private func decoded(_ columns: [String]?) -> (any StoreRow)? {
        guard let columns, let rows = StoreSnapshot.tables.first(where: { $0.table.name == table }) else { return nil }
        return try? rows.decode(columns)
    }
}
