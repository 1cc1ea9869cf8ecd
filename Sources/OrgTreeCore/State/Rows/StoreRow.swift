/// A row of one table of the state store, with named fields. Its `column(_:)` is the
/// storage encoding: the one place that knows the order of the table's columns (all
/// text; an empty string is stored as NULL, see `StoreTable`). Rows sort as the store's
/// keys order them: column by column, key columns first.
public protocol StoreRow: Sendable, Hashable, Comparable {
    /// What identifies a row within its table: the key column for a one-column key, a
    /// struct with named fields for a compound one.
    associatedtype Key: Hashable & Sendable

    static var table: StoreTable { get }
    var key: Key { get }

    /// Column `index` of `table.columns`, as stored.
    func column(_ index: Int) -> String

    /// A row read from a store, its columns in `table.columns` order. A wrong number of
    /// columns is a `StoreRowError`.
    init(columns: [String]) throws
}

extension StoreRow {
    /// The columns in `table.columns` order.
    public var columns: [String] { (0..<Self.table.columns.count).map(column) }

    /// The leading columns that form the table's key.
    public var keyColumns: [String] { (0..<Self.table.keyCount).map(column) }

    /// Column by column (`String` order), as the store's keys sort rows. Rows of the
    /// effective tables, sorted by the million, spell this out field by field.
    public static func < (a: Self, b: Self) -> Bool {
        for index in 0..<table.columns.count {
            let x = a.column(index), y = b.column(index)
            if x != y { return x < y }
        }
        return false
    }

    /// -1, 0 or 1 as `a`'s key sorts before, with or after `b`'s.
    static func keyOrder(_ a: Self, _ b: Self) -> Int {
        for index in 0..<table.keyCount {
            let x = a.column(index), y = b.column(index)
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Checks that a row read from a store has the table's columns, before `init(columns:)`
    /// reads them by position.
    static func check(_ columns: [String]) throws {
        guard columns.count == table.columns.count else {
            throw StoreRowError(table: table.name, columns: columns,
                                problem: "\(columns.count) columns where the table has \(table.columns.count)")
        }
    }

    /// For `column(_:)` past the table's last column: a mistake in the caller.
    @usableFromInline static func noColumn(_ index: Int) -> Never {
        preconditionFailure("\(table.name) has no column \(index)")
    }
}

/// A row read from a store that does not fit its table.
public struct StoreRowError: Error, Sendable, CustomStringConvertible {
    public var table: String
    public var columns: [String]
    public var problem: String

    public var description: String {
        "\(table) row (\(columns.joined(separator: ", "))): \(problem)"
    }
}
