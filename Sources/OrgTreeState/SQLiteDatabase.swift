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
            queue = try DatabaseQueue(path: path, configuration: configuration)
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
        try Row.fetchAll(db, sql: sql, arguments: arguments(parameters)).map { row in
            row.databaseValues.map { value in
                switch value.storage {
                case .null: return nil
                case .string(let s): return s
                case .int64(let i): return String(i)
                case .double(let d): return String(d)
                case .blob(let data): return String(decoding: data, as: UTF8.self)
                }
            }
        }
    }

    func insert(into table: String, columns: [String], rows: [[String?]], integers: Set<String>, upsert: [String]) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(rowPlaceholders(columns, integers: integers)))"
            + conflictClause(columns, upsert: upsert))
        // Bound through SQLite's C API on GRDB's prepared statement: a bulk insert of a
        // million rows would otherwise spend most of its time boxing arguments.
        let handle = statement.sqliteStatement
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for row in rows {
            sqlite3_reset(handle)
            for (i, value) in row.enumerated() {
                if var value {
                    value.withUTF8 { bytes in
                        _ = sqlite3_bind_text(handle, Int32(i + 1), UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
                    }
                } else {
                    sqlite3_bind_null(handle, Int32(i + 1))
                }
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                throw StoreError("SQLite: \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))) (inserting into \(table))")
            }
        }
        sqlite3_reset(handle)
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
