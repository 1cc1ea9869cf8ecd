import OrgTreeCore

/// The store's schema, versioned. Each migration runs once, in a transaction, and is
/// recorded in `orgtree_schema`; a store newer than this orgtree is refused.
enum StateSchema {
    struct Migration: Sendable {
        var version: Int
        var statements: @Sendable (SQLDialect) -> [String]
    }

    static let migrations: [Migration] = [
        Migration(version: 1) { dialect in
            var sql: [String] = []
            for table in StoreTables.all {
                var columns = table.columns.map { "\($0) TEXT" }
                switch table.name {
                case "people": columns += ["invitation TEXT NOT NULL DEFAULT 'invited'", "invited_at TEXT"]
                case "tokens": columns += ["secret_hash TEXT", "created_at TEXT", "revoked_at TEXT"]
                default: break
                }
                let key = table.columns.prefix(table.keyCount).joined(separator: ", ")
                // SQLite keeps such rows once, in the key's B-tree, instead of table plus index.
                let rowid = dialect == .sqlite ? " WITHOUT ROWID" : ""
                sql.append("CREATE TABLE \(table.name) (\(columns.joined(separator: ", ")), PRIMARY KEY (\(key)))\(rowid)")
            }
            sql.append("CREATE INDEX effective_access_subject ON effective_access (subject)")
            let integer = dialect == .sqlite ? "INTEGER" : "BIGINT"
            sql += [
                // Per subject: the digest of its effective rows as last applied.
                "CREATE TABLE effective_digests (subject TEXT PRIMARY KEY, digest TEXT NOT NULL)" + (dialect == .sqlite ? " WITHOUT ROWID" : ""),
                // Per row of the tree's tables: its digest as last applied (drift detection).
                "CREATE TABLE applied_rows (table_name TEXT NOT NULL, row_key TEXT NOT NULL, row_hash TEXT NOT NULL, PRIMARY KEY (table_name, row_key))" + (dialect == .sqlite ? " WITHOUT ROWID" : ""),
                "CREATE TABLE revisions (number \(integer) PRIMARY KEY, tree_digest TEXT NOT NULL, git_commit TEXT, actor TEXT, applied_at TEXT NOT NULL, changes \(integer) NOT NULL)",
                "CREATE TABLE audit_log (seq \(integer) PRIMARY KEY, revision \(integer) NOT NULL, at TEXT NOT NULL, actor TEXT, git_commit TEXT, action TEXT NOT NULL, target TEXT NOT NULL, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
                "CREATE TABLE locks (name TEXT PRIMARY KEY, id TEXT NOT NULL, holder TEXT NOT NULL, operation TEXT NOT NULL, acquired_at TEXT NOT NULL)",
            ]
            return sql
        },
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
