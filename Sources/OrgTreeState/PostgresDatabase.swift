import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// `postgres://USER@HOST:PORT/DB` through postgres-nio, used synchronously: orgtree runs
/// one statement after another on one connection.
final class PostgresDatabase {
    private let connection: PostgresConnection
    private let logger: Logger
    private let readOnly: Bool

    init(user: String, password: String?, host: String, port: Int, database: String, readOnly: Bool) throws {
        var logger = Logger(label: "orgtree.postgres")
        logger.logLevel = .critical
        self.logger = logger
        self.readOnly = readOnly
        let configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw StoreError("cannot connect to PostgreSQL at \(host):\(port)/\(database) as \(user): \(Self.describe(error))")
        }
    }

    deinit {
        try? connection.close().wait()
    }

    func session<T>(_ body: (SQLSession) throws -> T) throws -> T {
        let session = PostgresSession(connection: connection, logger: logger, readOnly: readOnly)
        if readOnly { try session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
        return try body(session)
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            return "\(e.code)"
        }
        return "\(error)"
    }
}

private final class PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let readOnly: Bool
    let dialect = SQLDialect.postgres

    init(connection: PostgresConnection, logger: Logger, readOnly: Bool) {
        self.connection = connection
        self.logger = logger
        self.readOnly = readOnly
    }

    private func run(_ sql: String, _ parameters: [String?]) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: parameters.count)
        for p in parameters { bindings.append(p) }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait()
        } catch {
            throw StoreError("PostgreSQL: \(PostgresDatabase.describe(error))")
        }
    }

    func execute(_ sql: String, _ parameters: [String?]) throws {
        _ = try run(sql, parameters)
    }

    func query(_ sql: String, _ parameters: [String?]) throws -> [[String?]] {
        var rows: [[String?]] = []
        for row in try run(sql, parameters) {
            var values: [String?] = []
            for cell in row {
                values.append(try cell.decode(String?.self))
            }
            rows.append(values)
        }
        return rows
    }

    func insert(into table: String, columns: [String], rows: [[String?]], integers: Set<String>, upsert: [String]) throws {
        // PostgreSQL takes at most 65,535 parameters in one statement.
        let perStatement = max(1, 60_000 / columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var values: [String] = []
            var parameters: [String?] = []
            for row in chunk {
                values.append("(" + rowPlaceholders(columns, integers: integers, from: parameters.count + 1) + ")")
                parameters += row
            }
            try execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values.joined(separator: ", "))"
                        + conflictClause(columns, upsert: upsert), parameters)
            start += perStatement
        }
    }

    func insert(into table: String, columns: [String], textRows rows: [[String]], keyCount: Int) throws {
        let perStatement = max(1, 60_000 / columns.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)].map { row in
                row.enumerated().map { $0.offset < keyCount || !$0.element.isEmpty ? $0.element : nil }
            }
            try insert(into: table, columns: columns, rows: chunk, integers: [], upsert: [])
            start += perStatement
        }
    }

    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(readOnly ? "BEGIN READ ONLY" : "BEGIN ISOLATION LEVEL SERIALIZABLE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
