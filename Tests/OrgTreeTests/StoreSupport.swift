import Foundation
import GRDB
import Testing

/// The stores every store test runs against: SQLite always; PostgreSQL when
/// ORGTREE_TEST_POSTGRES names a server (CI starts one and sets ORGTREE_REQUIRE_POSTGRES,
/// so that a missing server fails the run instead of skipping it).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var available: [StoreKind] {
        let env = ProcessInfo.processInfo.environment
        if env["ORGTREE_TEST_POSTGRES"] != nil || env["ORGTREE_REQUIRE_POSTGRES"] != nil { return [.sqlite, .postgres] }
        return [.sqlite]
    }
}

/// A fresh, empty store for one test: a new SQLite file, or a new PostgreSQL database.
final class TestStore {
    let kind: StoreKind
    let url: String
    private let folder = TemporaryFolder()
    private var database: String?

    init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            url = "sqlite:\(folder.path)/state.db"
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["ORGTREE_TEST_POSTGRES"] else {
                throw TestStoreError("ORGTREE_TEST_POSTGRES is not set but PostgreSQL tests are required")
            }
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            try Self.psql(base, "CREATE DATABASE \(name)")
            database = String(name)
            url = String(base[..<base.lastIndex(of: "/")!]) + "/\(name)"
        }
    }

    deinit {
        if let database, let base = ProcessInfo.processInfo.environment["ORGTREE_TEST_POSTGRES"] {
            _ = try? Self.psql(base, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        }
    }

    var tmp: String { folder.path }

    /// Runs SQL directly against the store (as someone editing it outside orgtree would).
    func sql(_ statement: String) throws {
        switch kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: String(url.dropFirst("sqlite:".count)))
            try queue.write { try $0.execute(sql: statement) }
        case .postgres:
            try Self.psql(url, statement)
        }
    }

    /// The first column of a query's rows, as text.
    func column(_ query: String) throws -> [String] {
        switch kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: String(url.dropFirst("sqlite:".count)))
            return try queue.read { db in try String?.fetchAll(db, sql: query).map { $0 ?? "" } }
        case .postgres:
            return try Self.psql(url, query).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        }
    }

    @discardableResult
    static func psql(_ url: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The statement goes in a file: a long one would not fit in one argument.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("orgtree-psql-\(UUID().uuidString).sql")
        try statement.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        process.arguments = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-f", file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestStoreError("psql failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct TestStoreError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
