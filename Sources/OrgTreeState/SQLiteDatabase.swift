import Foundation
import GRDB
import GRDBSQLite

/// `sqlite:PATH` through GRDB. A missing file is created (unless read-only).
final class SQLiteDatabase {
    private let queue: DatabaseQueue

    init(path: String, readOnly: Bool) throws {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        configuration.label = "orgtree"
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw StoreError("no state store at \(path)")
        }
        do {
            do {
                queue = try DatabaseQueue(path: path, configuration: configuration)
            } catch let error as DatabaseError where readOnly && [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
                // A store in a folder this user may not write: SQLite cannot make the
                // write-ahead log's shared-memory file, so the store is read as immutable
                // (a plan made so is bound to the revision it read, like any other).
                queue = try DatabaseQueue(path: Self.immutableURI(path), configuration: configuration)
            }
            if !readOnly {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                }
            }
        } catch let error as DatabaseError {
            throw StoreError("cannot open the SQLite store \(path): \(error.message ?? error.description)")
        }
    }

    /// `file:PATH?immutable=1`, the path percent-encoded as SQLite's URI filenames want.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    func session<T>(_ body: (SQLSession) throws -> T) throws -> T {
        do {
            return try queue.inDatabase { db in
                try body(SQLiteSession(db))
            }
        } catch let error as DatabaseError {
            throw StoreError("SQLite: \(error.message ?? error.description)")
        }
    }
}

private final class SQLiteSession: SQLSession {
    let db: Database
    let dialect = SQLDialect.sqlite

    init(_ db: Database) {
        self.db = db
    }

    private func arguments(_ parameters: [String?]) -> StatementArguments {
        StatementArguments(parameters.map { $0 as (any DatabaseValueConvertible)? })
    }

    func execute(_ sql: String, _ parameters: [String?]) throws {
        try db.execute(sql: sql, arguments: arguments(parameters))
    }

    func query(_ sql: String, _ parameters: [String?]) throws -> [[String?]] {
        var rows: [[String?]] = []
        try forEachRow(sql, parameters) { rows.append($0) }
        return rows
    }

    func forEachRow(_ sql: String, _ parameters: [String?], _ body: ([String?]) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments(parameters))
        // Stepped through SQLite's C API: reading a whole table through `Row` values
        // costs several times more in allocations.
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let columns = sqlite3_column_count(handle)
        var row: [String?] = []
        row.reserveCapacity(Int(columns))
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw StoreError("SQLite: \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))) (\(sql.prefix(60)))")
            }
            row.removeAll(keepingCapacity: true)
            for i in 0..<columns {
                if sqlite3_column_type(handle, i) == SQLITE_NULL {
                    row.append(nil)
                } else {
                    // Text as stored (integers and reals are converted by SQLite).
                    let bytes = sqlite3_column_text(handle, i)
                    let count = Int(sqlite3_column_bytes(handle, i))
                    row.append(bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? "")
                }
            }
            try body(row)
        }
    }

    func insert(into table: String, columns: [String], rows: [[String?]], integers: Set<String>, upsert: [String]) throws {
        try insert(into: table, columns: columns, count: rows.count, integers: integers, upsert: upsert) { rows[$0][$1] }
    }

    func insert(into table: String, columns: [String], count: Int, value: (Int, Int) -> String?) throws {
        try insert(into: table, columns: columns, count: count, integers: [], upsert: [], value: value)
    }

    /// One prepared statement, stepped once per row, values bound through SQLite's C API
    /// on GRDB's statement: a bulk insert of a million rows would otherwise spend most of
    /// its time boxing arguments.
    private func insert(into table: String, columns: [String], count: Int, integers: Set<String>, upsert: [String],
                        value: (Int, Int) -> String?) throws {
        guard count > 0 else { return }
        let statement = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(rowPlaceholders(columns, integers: integers)))"
            + conflictClause(columns, upsert: upsert))
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        // Each row's values are copied into one reused buffer and bound in place
        // (SQLITE_STATIC), so that SQLite does not copy every value again.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        var spans = [(start: Int, count: Int)?](repeating: nil, count: columns.count)
        for r in 0..<count {
            bytes.removeAll(keepingCapacity: true)
            for c in 0..<columns.count {
                guard var text = value(r, c) else { spans[c] = nil; continue }
                let start = bytes.count
                text.withUTF8 { bytes.append(contentsOf: $0) }
                spans[c] = (start, bytes.count - start)
            }
            bytes.append(0)  // never empty, so the buffer always has an address
            let code = bytes.withUnsafeBufferPointer { buffer -> Int32 in
                let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                sqlite3_reset(handle)
                for c in 0..<columns.count {
                    if let span = spans[c] {
                        sqlite3_bind_text(handle, Int32(c + 1), base + span.start, Int32(span.count), nil)
                    } else {
                        sqlite3_bind_null(handle, Int32(c + 1))
                    }
                }
                return sqlite3_step(handle)
            }
            guard code == SQLITE_DONE else {
                throw StoreError("SQLite: \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))) (inserting into \(table))")
            }
        }
    }

    func transaction<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body()
            return .commit
        }
        return result!
    }
}
