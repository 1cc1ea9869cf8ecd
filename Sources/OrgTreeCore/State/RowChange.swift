/// One row to insert, update or delete in the state store: the row before (as the store
/// holds it) and after (as the tree gives it). Code that reads a field casts the row to
/// its type (`rows(_:)`); the writer, the plan file and the audit log read its columns.
public struct RowChange: Sendable {
    public enum Kind: String, Sendable, Codable { case insert, update, delete }

    public var kind: Kind
    /// Nil for an insert.
    public var before: (any StoreRow)?
    /// Nil for a delete.
    public var after: (any StoreRow)?
    public var table: StoreTable
    /// The key columns (the same before and after).
    public var key: [String]

    /// A change of a row of type `Row`: `before` or `after` (or both) is given.
    public init<Row: StoreRow>(_ kind: Kind, before: Row?, after: Row?) {
        self.kind = kind
        self.before = before
        self.after = after
        table = Row.table
        key = (after ?? before)?.keyColumns ?? []
    }

    /// The rows before and after, when the change is to a row of type `Row`; nil otherwise.
    public func rows<Row: StoreRow>(_: Row.Type) -> (before: Row?, after: Row?)? {
        // The table's name first: cheaper than a cast that fails.
        guard table.name == Row.table.name else { return nil }
        return (before as? Row, after as? Row)
    }

    /// The row the change is about, when it is of type `Row`: `after`, or `before` for a delete.
    public func row<Row: StoreRow>(_: Row.Type) -> Row? {
        guard table.name == Row.table.name else { return nil }
        return (after ?? before) as? Row
    }
}

extension RowChange: Equatable {
    public static func == (a: RowChange, b: RowChange) -> Bool {
        a.kind == b.kind && a.table == b.table && a.key == b.key
            && a.before?.columns == b.before?.columns && a.after?.columns == b.after?.columns
    }
}
