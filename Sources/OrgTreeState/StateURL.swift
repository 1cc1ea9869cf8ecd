import Foundation

/// Where the state lives: `sqlite:PATH` or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`.
/// A PostgreSQL password may also come from the PGPASSWORD environment variable.
public enum StateURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(user: String, password: String?, host: String, port: Int, database: String, options: PostgresOptions = PostgresOptions())

    public init(_ text: String) throws {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw StoreError("sqlite: needs a file path, e.g. sqlite:state.db") }
            self = .sqlite(path: path)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            if let port = Self.postgresPort(text), Int(port).map({ (1...65_535).contains($0) }) != true {
                throw StoreError("the PostgreSQL state URL's port \(port) is out of range (1 to 65535)")
            }
            guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty,
                  let user = url.user, !user.isEmpty else {
                throw StoreError("a PostgreSQL state URL reads postgres://USER@HOST:PORT/DB")
            }
            let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
            guard !database.isEmpty else { throw StoreError("the PostgreSQL state URL names no database: postgres://USER@HOST:PORT/DB") }
            let password = url.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
            self = .postgres(user: user, password: password, host: host, port: url.port ?? 5432, database: database,
                             options: try PostgresOptions(url.queryItems ?? []))
            return
        }
        throw StoreError("'\(text)' is not a state URL; use sqlite:PATH or postgres://USER@HOST:PORT/DB")
    }

    /// The port written in a PostgreSQL URL (`…@HOST:PORT/…`), read by hand: URL parsers
    /// disagree on a port out of range (URLComponents may give none).
    static func postgresPort(_ text: String) -> String? {
        guard let scheme = text.range(of: "://") else { return nil }
        var authority = text[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        // An IPv6 literal's colons are inside brackets.
        if let close = authority.lastIndex(of: "]") { authority = authority[authority.index(after: close)...] }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        let digits = authority[authority.index(after: colon)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return String(digits)
    }

    /// The URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case let .postgres(user, _, host, port, database, _): return "postgres://\(user)@\(host):\(port)/\(database)"
        }
    }
}

/// What a PostgreSQL state URL's query sets: timeouts and TLS.
public struct PostgresOptions: Sendable, Equatable {
    public var timeouts = PostgresTimeouts()
    public var tls = PostgresTLS()

    public init() {}

    init(_ items: [URLQueryItem]) throws {
        for item in items {
            switch item.name {
            case "connect_timeout", "statement_timeout": try timeouts.set(item.name, item.value)
            case "sslmode": tls.mode = try PostgresTLS(mode: item.value ?? "").mode
            case "sslrootcert": tls.rootCertificate = item.value ?? ""
            default:
                throw StoreError("the PostgreSQL state URL's query takes connect_timeout, statement_timeout (seconds), sslmode and sslrootcert, not \(item.name)")
            }
        }
        tls = try tls.checked()
    }
}

/// How long orgtree waits for a PostgreSQL server, in seconds, set in the state URL's
/// query (`postgres://USER@HOST/DB?connect_timeout=5&statement_timeout=120`): to connect
/// (default 10), and for the answer to any one statement (default 60; 0: no limit). When
/// either runs out the connection is closed, so the open transaction is never committed,
/// and the command ends with exit 2.
public struct PostgresTimeouts: Sendable, Equatable {
    public var connect: Double = 10
    public var statement: Double = 60

    public init() {}

    mutating func set(_ name: String, _ text: String?) throws {
        guard let value = text.flatMap(Double.init), value.isFinite, value >= 0 else {
            throw StoreError("the PostgreSQL state URL's \(name) takes a number of seconds, 0 or more (got \(text ?? "nothing"))")
        }
        if name == "connect_timeout" {
            guard value > 0 else { throw StoreError("the PostgreSQL state URL's connect_timeout must be more than 0 seconds") }
            connect = value
        } else {
            statement = value
        }
    }
}
