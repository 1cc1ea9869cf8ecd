/// One table of a `StoreSnapshot`: the type of its rows and where the snapshot keeps
/// them, so that what is done to every table (diff, reading a store, sorting) is
/// written once, for rows of any type.
public protocol SnapshotTable: Sendable {
    associatedtype Row: StoreRow
    var rows: WritableKeyPath<StoreSnapshot, [Row]> & Sendable { get }
}

/// The `SnapshotTable` of rows of type `Row`.
public struct SnapshotRows<Row: StoreRow>: SnapshotTable {
    public let rows: WritableKeyPath<StoreSnapshot, [Row]> & Sendable

    public init(_ rows: WritableKeyPath<StoreSnapshot, [Row]> & Sendable) {
        self.rows = rows
    }
}

extension SnapshotTable {
    public var table: StoreTable { Row.table }

    /// The number of the table's rows in a snapshot.
    public func count(in snapshot: StoreSnapshot) -> Int { snapshot[keyPath: rows].count }

    /// A row of the table from its columns.
    public func decode(_ columns: [String]) throws -> any StoreRow {
        try Row(columns: columns)
    }

    /// Sets the table's rows in a snapshot from rows read from a store, columns in the
    /// table's order (NULL read as empty).
    public func load(_ stored: [[String]], into snapshot: inout StoreSnapshot) throws {
        snapshot[keyPath: rows] = try stored.map(Row.init(columns:))
    }

    /// Sorts the table's rows by key (and then whole row), for stable comparison.
    func sort(_ snapshot: inout StoreSnapshot) {
        let rows = snapshot[keyPath: self.rows]
        // Most tables arrive in order; checking is linear, sorting is not.
        if !zip(rows, rows.dropFirst()).allSatisfy({ !($1 < $0) }) {
            snapshot[keyPath: self.rows] = rows.sorted()
        }
    }

    /// The changes that turn this table's rows in `old` into those in `new`.
    func changes(from old: StoreSnapshot, to new: StoreSnapshot) -> [RowChange] {
        SnapshotDiff.changes(from: old[keyPath: rows], to: new[keyPath: rows])
    }
}
