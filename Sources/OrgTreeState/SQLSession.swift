/// The SQL both stores speak, reduced to what orgtree needs. Values are text or NULL;
/// every table column orgtree writes is text, so both databases behave the same.
public protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    func execute(_ sql: String, _ parameters: [String?]) throws
    func query(_ sql: String, _ parameters: [String?]) throws -> [[String?]]
    /// Calls `body` with each row of a query, without collecting them.
    func forEachRow(_ sql: String, _ parameters: [String?], _ body: ([String?]) throws -> Void) throws
    /// Inserts many rows in as few statements as the database allows. Columns named in
    /// `integers` are integer columns: their text values are cast. `upsert` names the key
    /// columns of an insert that replaces the other columns of a row already there.
    func insert(into table: String, columns: [String], rows: [[String?]], integers: Set<String>, upsert: [String]) throws
    /// Inserts `count` rows, `value(row, column)` giving each value, in one bulk operation
    /// (SQLite: one prepared statement; PostgreSQL: COPY).
    func insert(into table: String, columns: [String], count: Int, value: (Int, Int) -> String?) throws
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T
}

public enum SQLDialect: Sendable {
    case sqlite, postgres

    /// The placeholder for the n-th parameter (1-based).
    public func placeholder(_ n: Int) -> String {
        self == .sqlite ? "?" : "$\(n)"
    }

    public func placeholders(_ count: Int, from start: Int = 1) -> String {
        (start..<(start + count)).map(placeholder).joined(separator: ", ")
    }

    public var name: String { self == .sqlite ? "SQLite" : "PostgreSQL" }
}

public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// How orgtree stores a text value: an empty text is NULL, except in the first
/// `keyCount` (key) columns, which are NOT NULL and keep `''`.
func storedValue(_ value: String, column: Int, keyCount: Int) -> String? {
    column < keyCount || !value.isEmpty ? value : nil
}

extension SQLSession {
    func insert(into table: String, columns: [String], rows: [[String?]], integers: Set<String> = [], upsert: [String] = []) throws {
        try insert(into: table, columns: columns, rows: rows, integers: integers, upsert: upsert)
    }

    /// `ON CONFLICT … DO UPDATE`, the same in SQLite and PostgreSQL.
    func conflictClause(_ columns: [String], upsert: [String]) -> String {
        guard !upsert.isEmpty else { return "" }
        let updates = columns.filter { !upsert.contains($0) }.map { "\($0) = excluded.\($0)" }
        return " ON CONFLICT (\(upsert.joined(separator: ", "))) DO " + (updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", "))
    }

    /// The placeholders of one row, with casts for integer columns.
    func rowPlaceholders(_ columns: [String], integers: Set<String>, from start: Int = 1) -> String {
        columns.enumerated().map { i, column in
            let p = dialect.placeholder(start + i)
            return integers.contains(column) ? "CAST(\(p) AS BIGINT)" : p
        }.joined(separator: ", ")
    }

    func execute(_ sql: String) throws { try execute(sql, []) }
    func query(_ sql: String) throws -> [[String?]] { try query(sql, []) }

    func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        try query(sql, parameters).first?.first ?? nil
    }
}
