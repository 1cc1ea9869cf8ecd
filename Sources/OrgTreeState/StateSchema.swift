import OrgTreeCore

/// The store's schema, versioned. Each migration runs once, in a transaction, and is
/// recorded in `orgtree_schema`; a store newer than this orgtree is refused.
enum StateSchema {
    struct Migration: Sendable {
        var version: Int
        var statements: @Sendable (SQLDialect) -> [String]
        /// Work SQL cannot do (hashing), after the statements, in the same transaction.
        var after: (@Sendable (SQLSession) throws -> Void)?
    }

    /// Every migration, in order. Shipped migrations are frozen (each in a file of its
    /// own under Migrations/): a later change of schema is a new migration.
    static let migrations: [Migration] = [
        Migration(version: 1, statements: Migration1.statements),
        Migration(version: 2, statements: Migration2.statements, after: Migration2.redigest),
    ]

    static var latest: Int { migrations.map(\.version).max() ?? 0 }

    /// The schema version of a store; 0 for an empty database.
    static func version(_ session: SQLSession) throws -> Int {
        let exists: Bool
        switch session.dialect {
        case .sqlite:
            exists = try session.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'orgtree_schema'") != nil
        case .postgres:
            exists = try session.scalar("SELECT to_regclass('orgtree_schema')::text") != nil
        }
        guard exists else { return 0 }
        return Int(try session.scalar("SELECT MAX(version) FROM orgtree_schema") ?? "0") ?? 0
    }

    /// Brings the store to the latest schema.
    static func migrate(_ session: SQLSession) throws {
        try session.transaction {
            var current = try version(session)
            if current > latest {
                throw StoreError("the store has schema version \(current), newer than this orgtree knows (\(latest)); upgrade orgtree")
            }
            if current == 0 {
                try session.execute("CREATE TABLE orgtree_schema (version TEXT NOT NULL, applied_at TEXT NOT NULL)")
            }
            for migration in migrations where migration.version > current {
                for statement in migration.statements(session.dialect) { try session.execute(statement) }
                try migration.after?(session)
                try session.execute("INSERT INTO orgtree_schema (version, applied_at) VALUES (\(session.dialect.placeholders(2)))",
                                    [String(migration.version), Clock.now()])
                current = migration.version
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
