import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// `postgres://USER@HOST:PORT/DB` through postgres-nio, used synchronously: orgtree runs
/// one statement after another on one connection.
final class PostgresDatabase {
    private let connection: PostgresConnection
    private let logger: Logger
    private let readOnly: Bool
    private let timeouts: PostgresTimeouts

    init(user: String, password: String?, host: String, port: Int, database: String, readOnly: Bool, options: PostgresOptions) throws {
        var logger = Logger(label: "orgtree.postgres")
        logger.logLevel = .critical
        self.logger = logger
        self.readOnly = readOnly
        let timeouts = options.timeouts
        self.timeouts = timeouts
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try options.tls.configuration())
        configuration.options.connectTimeout = .nanoseconds(Int64(timeouts.connect * 1e9))
        do {
            // The whole start-up (TCP, then the server's greeting and authentication) is
            // bounded, not only the TCP connect.
            connection = try PostgresTimeout.wait(PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ), seconds: timeouts.connect, setting: "connect_timeout") {}
        } catch {
            let reason = Self.describeTLS(error, options.tls, host: host) ?? Self.describe(error)
            throw StoreError("cannot connect to PostgreSQL at \(host):\(port)/\(database) as \(user): \(reason)")
        }
    }

    deinit {
        try? connection.close().wait()
    }

    func session<T>(_ body: (SQLSession) throws -> T) throws -> T {
        let session = PostgresSession(connection: connection, logger: logger, readOnly: readOnly, timeout: timeouts.statement)
        if readOnly { try session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
        return try body(session)
    }

    static func describe(_ error: any Error) -> String {
        if let timeout = error as? PostgresTimeout { return timeout.description }
        if let lost = error as? ConnectionLost { return lost.description }
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            if e.code == .connectionError, let underlying = e.underlying { return describeConnection(underlying) }
            if [.uncleanShutdown, .serverClosedConnection, .clientClosedConnection].contains(e.code) { return ConnectionLost().description }
            return "\(e.code)"
        }
        return describeConnection(error)
    }

    /// Why TLS failed, in words, or nil when it did not.
    static func describeTLS(_ error: any Error, _ tls: PostgresTLS, host: String) -> String? {
        var error = error
        if let e = error as? PSQLError {
            if e.code == .sslUnsupported { return "the server does not offer TLS, and sslmode=\(tls.mode.rawValue) needs it" }
            guard let underlying = e.underlying else { return nil }
            error = underlying
        }
        let mode = "sslmode=\(tls.mode.rawValue)"
        let root = tls.rootCertificate.map { $0 == "system" ? "the system's certificate authorities" : $0 } ?? "sslrootcert"
        switch error {
        case let e as NIOSSLExtraError where e == .failedToValidateHostname:
            return "the server's certificate does not name \(host) (\(mode) checks the host name; connect by a name the certificate holds)"
        case NIOSSLError.handshakeFailed(let reason) where "\(reason)".contains("CERTIFICATE_VERIFY_FAILED"):
            return "the server's certificate is not signed by a certificate authority of \(root) (\(mode))"
        case NIOSSLError.handshakeFailed(let reason):
            return "the TLS handshake failed (\(mode)): \(reason)"
        case let e as NIOSSLError:
            return "TLS failed (\(mode)): \(e)"
        default:
            return nil
        }
    }

    /// Why a connection could not be made, in words: the host name did not resolve, the
    /// server refused the connection (nothing listens on the port), it timed out…
    static func describeConnection(_ error: any Error) -> String {
        switch error {
        case let e as NIOConnectionError:
            if let dns = e.dnsAError ?? e.dnsAAAAError { return describeConnection(dns) }
            if let failure = e.connectionErrors.first { return describeConnection(failure.error) }
            return "cannot connect to \(e.host):\(e.port)"
        case let e as SocketAddressError.UnknownHost:
            return "the host name \(e.host) cannot be resolved (\(e.errorDescription))"
        case let e as IOError:
            switch e.errnoCode {
            case ECONNREFUSED: return "connection refused: nothing listens on that port"
            case ETIMEDOUT: return "the connection timed out"
            case EHOSTUNREACH, ENETUNREACH: return "the host cannot be reached: \(String(cString: strerror(e.errnoCode)))"
            default: return String(cString: strerror(e.errnoCode))
            }
        case ChannelError.connectTimeout(let amount):
            return PostgresTimeout(seconds: Double(amount.nanoseconds) / 1e9, setting: "connect_timeout").description
        default:
            if let e = error as? PSQLError { return describe(e) }
            return "\(error)"
        }
    }
}

private final class PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let readOnly: Bool
    /// Seconds to wait for any one statement's answer (0: no limit).
    let timeout: Double
    let dialect = SQLDialect.postgres

    init(connection: PostgresConnection, logger: Logger, readOnly: Bool, timeout: Double) {
        self.connection = connection
        self.logger = logger
        self.readOnly = readOnly
        self.timeout = timeout
    }

    /// Gives up on a server that does not answer: the connection is closed, so the open
    /// transaction (if any) can never commit.
    private var abandon: @Sendable () -> Void {
        let connection = self.connection
        return { let _: EventLoopFuture<Void> = connection.close() }
    }

    /// Once the connection is gone, every later statement (a ROLLBACK, the lock's
    /// release) fails at once instead of waiting out its timeout on a dead socket.
    private func checkConnected() throws {
        if connection.isClosed { throw StoreError("PostgreSQL: \(ConnectionLost())") }
    }

    private func run(_ sql: String, _ parameters: [String?]) throws -> PostgresQueryResult {
        try checkConnected()
        var bindings = PostgresBindings(capacity: parameters.count)
        for p in parameters { bindings.append(p) }
        do {
            return try PostgresTimeout.wait(connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger),
                                            seconds: timeout, setting: "statement_timeout", closed: connection.closeFuture, onTimeout: abandon)
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

    func forEachRow(_ sql: String, _ parameters: [String?], _ body: ([String?]) throws -> Void) throws {
        for row in try run(sql, parameters) {
            var values: [String?] = []
            for cell in row { values.append(try cell.decode(String?.self)) }
            try body(values)
        }
    }

    func insert(into table: String, columns: [String], rows: [[String?]], integers: Set<String>, upsert: [String]) throws {
        // Many rows go through COPY (integer columns take their text as COPY parses it),
        // an upsert of many through a scratch table; a few rows through INSERT.
        if rows.count > Self.copyThreshold {
            guard !upsert.isEmpty else {
                return try copy(into: table, columns: columns, count: rows.count) { rows[$0][$1] }
            }
            // An upsert of many rows: COPY into a scratch table, then one INSERT … SELECT.
            let scratch = "orgtree_scratch_\(table)"
            try execute("CREATE TEMPORARY TABLE \(scratch) (LIKE \(table) INCLUDING DEFAULTS) ON COMMIT DROP")
            try copy(into: scratch, columns: columns, count: rows.count) { rows[$0][$1] }
            let list = columns.joined(separator: ", ")
            try execute("INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(scratch)" + conflictClause(columns, upsert: upsert))
            // Dropped now, so that a second upsert into the table in this transaction can
            // create it again.
            try execute("DROP TABLE \(scratch)")
            return
        }
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

    func insert(into table: String, columns: [String], count: Int, value: (Int, Int) -> String?) throws {
        try copy(into: table, columns: columns, count: count, value: value)
    }

    static let copyThreshold = 64

    /// `COPY table (columns) FROM STDIN` in text format: a line per row, columns separated
    /// by tabs, NULL as `\N`, backslash, tab, newline and carriage return escaped. An
    /// order of magnitude faster than INSERT for the effective rows of a first apply.
    private func copy(into table: String, columns: [String], count: Int, value: (Int, Int) -> String?) throws {
        guard count > 0 else { return }
        var chunks: [ByteBuffer] = []
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1 << 20)
        for r in 0..<count {
            for c in 0..<columns.count {
                if c > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                guard let text = value(r, c) else {
                    buffer.writeStaticString("\\N")
                    continue
                }
                if text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    for byte in text.utf8 {
                        switch byte {
                        case 0x5C: buffer.writeStaticString("\\\\")
                        case 0x09: buffer.writeStaticString("\\t")
                        case 0x0A: buffer.writeStaticString("\\n")
                        case 0x0D: buffer.writeStaticString("\\r")
                        default: buffer.writeInteger(byte)
                        }
                    }
                } else {
                    buffer.writeString(text)
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= 1 << 20 {
                chunks.append(buffer)
                buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 20)
            }
        }
        if buffer.readableBytes > 0 { chunks.append(buffer) }
        try checkConnected()
        let connection = self.connection, logger = self.logger, data = chunks
        do {
            // postgres-nio's COPY does not return when the connection dies under it: the
            // wait also ends when the connection closes.
            try Blocking.run(timeout: timeout, closed: connection.closeFuture, onTimeout: abandon) {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    for chunk in data { try await writer.write(chunk) }
                }
            }
        } catch is Blocking.TimedOut {
            throw StoreError("PostgreSQL: \(PostgresTimeout(seconds: timeout, setting: "statement_timeout")) (copying into \(table))")
        } catch let lost as ConnectionLost {
            throw StoreError("PostgreSQL: \(lost) (copying into \(table))")
        } catch {
            throw StoreError("PostgreSQL: \(PostgresDatabase.describe(error)) (copying into \(table))")
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

/// Runs async work to completion from synchronous code (orgtree's store code is
/// synchronous; postgres-nio's COPY is async only). Never called on an event loop.
///
/// The work runs on a task executor of its own (a serial dispatch queue), not on the
/// cooperative pool: the caller may itself be a task of that pool (a test, a library
/// user's async code) blocked in `wait()`, and with every pool thread so blocked a task
/// queued there would never start.
enum Blocking {
    /// The first result wins: the work's, or the connection's loss.
    private final class Outcome<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<T, any Error>?

        func set(_ value: Result<T, any Error>) {
            lock.withLock { if result == nil { result = value } }
        }

        var value: Result<T, any Error>? { lock.withLock { result } }
    }

    private final class QueueExecutor: TaskExecutor {
        let queue = DispatchQueue(label: "orgtree.blocking")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }
    }

    struct TimedOut: Error {}

    /// With `timeout` seconds (0: no limit), gives up waiting then: calls `onTimeout` (which
    /// should make the work fail soon) and throws `TimedOut`.
    /// With `closed`, the wait also ends (throwing `ConnectionLost`) when that future
    /// completes.
    static func run<T: Sendable>(timeout: Double = 0, closed: EventLoopFuture<Void>? = nil, onTimeout: () -> Void = {},
                                 _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        // A task does not keep its preferred executor alive: the task's closure does,
        // until the task is done (this function may return first, on a timeout).
        let executor = QueueExecutor()
        Task(executorPreference: executor) {
            do { outcome.set(.success(try await body())) } catch { outcome.set(.failure(error)) }
            done.signal()
            withExtendedLifetime(executor) {}
        }
        closed?.whenComplete { _ in
            outcome.set(.failure(ConnectionLost()))
            done.signal()
        }
        if timeout > 0 {
            guard done.wait(timeout: .now() + timeout) == .success else {
                onTimeout()
                throw TimedOut()
            }
        } else {
            done.wait()
        }
        return try outcome.value!.get()
    }
}

/// The connection to the server closed under a statement: the server went away, or
/// the network between.
struct ConnectionLost: Error, CustomStringConvertible {
    var description: String {
        "the connection to the server was lost (the server stopped or the network failed); nothing of the open transaction is committed"
            + " (an apply's lock row stays behind, without its session: the next apply takes it over)"
    }
}

/// The server did not answer within the time the state URL allows.
struct PostgresTimeout: Error, CustomStringConvertible {
    var seconds: Double
    var setting: String

    var description: String {
        let amount = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        let text = "no answer from the server within \(amount) second\(amount == "1" ? "" : "s") (\(setting) in the state URL)"
        guard setting == "statement_timeout" else { return text }
        return text + "; the connection was closed, so nothing of the open transaction is committed"
            + " (an apply's lock row stays behind, without its session: the next apply takes it over)"
    }

    /// Waits for `future`, at most `seconds` (0: no limit); on a timeout calls `onTimeout`
    /// and throws.
    /// With `closed`, a connection that closes first fails the wait with `ConnectionLost`.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, seconds: Double, setting: String, closed: EventLoopFuture<Void>? = nil,
                                  onTimeout: @escaping @Sendable () -> Void) throws -> T {
        let loop = future.eventLoop
        let promise = loop.makePromise(of: T.self)
        // Whichever comes first completes the promise; the later ones are ignored.
        let timer = seconds > 0 ? loop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
            promise.fail(PostgresTimeout(seconds: seconds, setting: setting))
            onTimeout()
        } : nil
        future.whenComplete { result in
            timer?.cancel()
            promise.completeWith(result)
        }
        closed?.whenComplete { _ in
            // The query's own error (when the server said why) arrives first.
            loop.execute { promise.fail(ConnectionLost()) }
        }
        return try promise.futureResult.wait()
    }
}
