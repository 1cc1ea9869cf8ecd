import Foundation
import OrgTreeCore

/// A lock on a store, as recorded in its `locks` table.
public struct StoreLock: Sendable, Equatable, CustomStringConvertible {
    public var id: String
    public var holder: String
    public var operation: String
    public var acquiredAt: String

    public var description: String { "lock \(id) held by \(holder) for \(operation) since \(acquiredAt)" }

    /// A row of `SELECT id, holder, operation, acquired_at FROM locks`.
    init(row: [String?]) {
        self.init(id: row[0] ?? "", holder: row[1] ?? "", operation: row[2] ?? "", acquiredAt: row[3] ?? "")
    }

    init(id: String, holder: String, operation: String, acquiredAt: String) {
        self.id = id
        self.holder = holder
        self.operation = operation
        self.acquiredAt = acquiredAt
    }
}

/// A lock whose holder was gone when an apply took it over, and how that was known.
public struct TakenOverLock: Sendable, Equatable {
    public var lock: StoreLock
    public var reason: String
}

public struct StoreLockedError: Error, CustomStringConvertible, Sendable {
    public var lock: StoreLock
    public var description: String {
        "the store is locked: \(lock); if that process is gone, release it with `orgtree unlock --state URL \(lock.id)`"
    }
}

/// A plan made against an older revision than the store now has.
public struct StalePlanError: Error, CustomStringConvertible, Sendable {
    public var planned: Int
    public var current: Int
    public var description: String {
        "the store is at revision \(current), but the plan was made against revision \(planned); plan again"
    }
}

/// What an apply did.
public struct ApplyOutcome: Sendable {
    public var revision: Int
    public var rowChanges: Int
    public var subjectsChanged: Int
    public var invitations: [String]
    /// People removed before they accepted: their invitation is revoked.
    public var revokedInvitations: [String]
    public var newTokens: [String]
    public var revokedTokens: [String]
    public var auditEntries: Int
}

/// One change made in the store outside orgtree.
public struct DriftItem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case added, removed, modified }
    public var table: String
    public var kind: Kind
    public var key: String

    /// The `table` of drift in a subject's effective rows (`effective_access`,
    /// `effective_permissions`): plain `apply` trusts its recorded digests, so only
    /// `apply --recompute-all` writes such rows back.
    public static let effectiveAccess = "effective access"

    public var description: String {
        "\(kind.rawValue) outside orgtree: \(table) \(key.replacingOccurrences(of: "\u{1F}", with: "/"))"
    }
}

public struct AuditVerification: Sendable {
    public var entries: Int
    /// The first entry whose hash does not match, if any.
    public var brokenAt: Int?
}

/// One state store (SQLite or PostgreSQL) with orgtree's behaviour on top: schema
/// migrations, reading, planning, transactional apply with audit, locks, drift, import.
/// Unchecked `Sendable`: it may be handed to another thread (to read while the tree is
/// validated), but is used by one thread at a time.
public final class StateStore: @unchecked Sendable {
    public let url: StateURL
    private let run: ((SQLSession) throws -> Any) throws -> Any
    public let readOnly: Bool
    let missing: Bool

    /// Opens a store. Read-only opening never creates anything: a missing SQLite file
    /// reads as an empty store.
    public init(_ url: StateURL, readOnly: Bool) throws {
        self.url = url
        self.readOnly = readOnly
        switch url {
        case .sqlite(let path):
            if readOnly && !FileManager.default.fileExists(atPath: path) {
                missing = true
                run = { _ in throw StoreError("no store") }
                return
            }
            missing = false
            let db = try SQLiteDatabase(path: path, readOnly: readOnly)
            run = { body in try db.session { try body($0) } }
        case let .postgres(user, password, host, port, database, options):
            missing = false
            let db = try PostgresDatabase(user: user, password: password, host: host, port: port, database: database, readOnly: readOnly,
                                          options: options)
            run = { body in try db.session { try body($0) } }
        }
        if !readOnly {
            try session { try StateSchema.migrate($0) }
        } else if !missing, case let version = try session({ try StateSchema.version($0) }), version > 0, version < StateSchema.latest {
            // A store of an older schema is brought to this orgtree's before anything reads
            // it (plan, drift, import included): a migration keeps every row's meaning.
            do {
                _ = try StateStore(url, readOnly: false)
            } catch {
                throw StoreError("the store has schema version \(version) and this orgtree reads version \(StateSchema.latest); migrating it failed (run orgtree apply with rights to change the schema): \(error)")
            }
        }
    }

    func session<T>(_ body: (SQLSession) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            try run { try body($0) } as! T
        }
    }

    // MARK: Reading

    /// What the store holds. Each subject's effective rows are represented by the digest
    /// recorded when they were written; with `effectiveFromRows`, by the digest of the rows
    /// the store holds now (reading them all), so that rows changed outside orgtree show
    /// up as changes to write back.
    public func read(effectiveFromRows: Bool = false) throws -> StoredState {
        if missing { return .empty }
        return try session { s in
            try s.transaction {
                let version = try StateSchema.version(s)
                guard version > 0 else { return StoredState.empty }
                let last = try s.query("SELECT CAST(number AS TEXT), tree_digest FROM revisions ORDER BY revisions.number DESC LIMIT 1").first
                var snapshot = StoreSnapshot()
                for table in StoreSnapshot.tables {
                    do {
                        try table.load(try Self.rows(of: table.table, s), into: &snapshot)
                    } catch let error as StoreRowError {
                        throw Self.unreadable(error)
                    }
                }
                snapshot.normalize()
                var digests: [String: String] = [:]
                if effectiveFromRows {
                    digests = try Self.effectiveDigestsNow(s)
                } else {
                    for row in try s.query("SELECT subject, digest FROM effective_digests") {
                        digests[row[0] ?? ""] = row[1] ?? ""
                    }
                }
                let invited = Set(try s.query("SELECT id FROM people WHERE invitation = 'invited'").compactMap { $0[0] ?? nil })
                return StoredState(schemaVersion: version, revision: Int(last?[0] ?? "0") ?? 0,
                                   lastTreeDigest: last?[1] ?? nil, snapshot: snapshot, effectiveDigests: digests, invited: invited,
                                   lock: try currentLockIn(s))
            }
        }
    }

    /// A table's rows as stored, columns in the table's order (NULL read as empty).
    static func rows(of table: StoreTable, _ s: SQLSession) throws -> [[String]] {
        let filter = table == TokenRow.table ? " WHERE revoked_at IS NULL" : ""
        return try s.query(select(table) + filter).map { $0.map { $0 ?? "" } }
    }

    /// The `SELECT` of a table's columns, in the table's order.
    static func select(_ table: StoreTable) -> String {
        "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)"
    }

    /// A row read from the store (NULL read as empty).
    static func decode<Row: StoreRow>(_ columns: [String?]) throws -> Row {
        do {
            return try Row(columns: columns.map { $0 ?? "" })
        } catch let error as StoreRowError {
            throw unreadable(error)
        }
    }

    static func unreadable(_ error: StoreRowError) -> StoreError {
        StoreError("the store holds a row orgtree cannot read: \(error)")
    }

    // MARK: Locks

    /// Takes the store's lock, waiting up to `wait` seconds for another holder to release it.
    /// `waiting` is called once, when another holder makes it wait. A lock does not
    /// outlive its holder: on PostgreSQL the row goes with a session advisory lock, which
    /// the server releases when the holder's connection ends, so a row without it is a
    /// dead holder's; on SQLite a holder on this host whose process is gone is dead. Such
    /// a row is taken over (returned in `takenOver`, recorded in the audit log).
    func acquireLock(_ s: SQLSession, operation: String, holder: String, wait: Double,
                     waiting: (StoreLock) -> Void) throws -> (lock: StoreLock, takenOver: TakenOverLock?) {
        let lock = StoreLock(id: Self.newLockID(), holder: holder, operation: operation, acquiredAt: Clock.now())
        let deadline = Date().addingTimeInterval(wait)
        var reported = false
        var failures = 0
        var takenOver: TakenOverLock?
        while true {
            var taken = try currentLockIn(s)
            let sessionLock = s.dialect == .postgres ? try s.scalar("SELECT CAST(pg_try_advisory_lock(\(Self.advisoryKey)) AS TEXT)") == "true" : nil
            if sessionLock == false, taken == nil {
                // A live apply between its session lock and its row: wait for the row.
                taken = StoreLock(id: "(being taken)", holder: "another apply", operation: "apply", acquiredAt: Clock.now())
            }
            if let stale = taken, let reason = Self.deadHolder(stale, sessionLockFree: sessionLock) {
                try s.execute("DELETE FROM locks WHERE name = 'store' AND id = \(s.dialect.placeholder(1))", [stale.id])
                takenOver = TakenOverLock(lock: stale, reason: reason)
                taken = nil
            }
            if let taken {
                guard Date() < deadline else { throw StoreLockedError(lock: taken) }
                if !reported {
                    waiting(taken)
                    reported = true
                }
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            do {
                try s.execute("INSERT INTO locks (name, id, holder, operation, acquired_at) VALUES ('store', \(s.dialect.placeholders(4)))",
                              [lock.id, lock.holder, lock.operation, lock.acquiredAt])
                return (lock, takenOver)
            } catch {
                if sessionLock == true { _ = try? s.execute("SELECT pg_advisory_unlock(\(Self.advisoryKey))") }
                // Someone else inserted first: look again (and wait for them). A failure
                // with no lock row there (a read-only file, no right to insert) would fail
                // the same way forever: the second such one in a row ends the command (the
                // first may be a holder that released its lock in between).
                if try currentLockIn(s) == nil {
                    failures += 1
                    if failures >= 2 { throw Self.lockNotWritten(error) }
                } else {
                    failures = 0
                }
            }
        }
    }

    static func lockNotWritten(_ error: any Error) -> StoreError {
        StoreError("cannot take the store's lock: writing its row into the locks table failed (\(error)); nothing was written")
    }

    private func currentLockIn(_ s: SQLSession) throws -> StoreLock? {
        try s.query("SELECT id, holder, operation, acquired_at FROM locks WHERE name = 'store'").first.map {
            StoreLock(row: $0)
        }
    }

    func releaseLock(_ s: SQLSession, _ lock: StoreLock) throws {
        try s.execute("DELETE FROM locks WHERE name = 'store' AND id = \(s.dialect.placeholder(1))", [lock.id])
        if s.dialect == .postgres { try s.execute("SELECT pg_advisory_unlock(\(Self.advisoryKey))") }
    }

    /// The PostgreSQL session advisory lock that goes with the `locks` row ("orgtree" in
    /// ASCII, as a 64-bit key).
    static let advisoryKey: Int64 = 0x6F7267_74726565

    /// Why a lock's holder is known to be gone, or nil when it may be alive. On PostgreSQL
    /// (`sessionLockFree` not nil): the holder's session lock is free. On SQLite: the
    /// holder ran on this host and its process is gone.
    static func deadHolder(_ lock: StoreLock, sessionLockFree: Bool?) -> String? {
        if let free = sessionLockFree {
            return free ? "its holder's database session ended (the process died or lost its connection)" : nil
        }
        guard let match = lock.holder.firstMatch(of: /@(\S+) pid (\d+)/), let pid = Int32(match.2) else { return nil }
        guard let host = hostName, host == match.1 else { return nil }
        guard kill(pid, 0) != 0, errno == ESRCH else { return nil }
        return "its holder, process \(pid) on \(match.1), is gone"
    }

    /// Releases a lock left by a process that died, by its id only.
    public func unlock(id: String) throws -> StoreLock {
        try session { s in
            guard let lock = try currentLockIn(s), lock.id == id else {
                throw StoreError("the store holds no lock with id \(id)" + ((try? currentLockIn(s)).flatMap { $0.map { " (it holds \($0))" } } ?? ""))
            }
            try releaseLock(s, lock)
            return lock
        }
    }

    static func newLockID() -> String {
        var g = SystemRandomNumberGenerator()
        return Digests.hex((0..<8).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    static var holder: String { lockHolder(environment: ProcessInfo.processInfo.environment) }

    /// This host's name, as a lock's holder records it: gethostname(2), not
    /// ProcessInfo.hostName, which may wait for name resolution. Nil when it fails.
    static var hostName: String? {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Who holds a lock this process takes: the login name, the host name, the pid, and
    /// the CI job from the environment where there is one (`ann@build-7 pid 4242 (CI job
    /// GITHUB_RUN_ID=9876543210)`).
    public static func lockHolder(environment: [String: String]) -> String {
        let host = hostName ?? ""
        var text = "\(loginName(environment: environment))@\(host.isEmpty ? "unknown-host" : host) pid \(getpid())"
        if let job = ciJobVariables.first(where: { environment[$0]?.isEmpty == false }) {
            text += " (CI job \(job)=\(environment[job]!))"
        }
        return text
    }

    /// The environment variables that name a CI job, in the order they are looked for:
    /// GitHub Actions, GitLab CI, Buildkite, CircleCI, Azure Pipelines, Jenkins.
    static let ciJobVariables = ["GITHUB_RUN_ID", "CI_JOB_ID", "BUILDKITE_JOB_ID", "CIRCLE_WORKFLOW_JOB_ID", "BUILD_BUILDID", "BUILD_TAG"]

    /// The effective user's name from the password database, else `$USER` or `$LOGNAME`,
    /// else `uid N`.
    static func loginName(environment: [String: String]) -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name, case let text = String(cString: name), !text.isEmpty {
            return text
        }
        for variable in ["USER", "LOGNAME"] {
            if let value = environment[variable], !value.isEmpty { return value }
        }
        return "uid \(geteuid())"
    }

    // MARK: Apply

    /// Applies a plan in one transaction under the store's lock. Refuses (nothing
    /// written) when the store moved past the plan's revision. `secrets` receives the new
    /// tokens' secrets before the transaction commits; they are stored only as hashes.
    /// `phase` is called with the name of each step once it is done (for timing);
    /// `waiting` once, when another holder's lock makes it wait.
    public func apply(_ plan: StorePlan, actor: String?, gitCommit: String?, lockWait: Double,
                      phase: @escaping (WorkStep) -> Void = { _ in }, waiting: (StoreLock) -> Void = { _ in },
                      tookOver: (TakenOverLock) -> Void = { _ in },
                      secrets: ([(token: String, secret: String)]) throws -> Void) throws -> ApplyOutcome {
        try session { s in
            let (lock, takenOver) = try acquireLock(s, operation: "apply", holder: Self.holder + (actor.map { " as \($0)" } ?? ""),
                                                    wait: lockWait, waiting: waiting)
            defer { try? releaseLock(s, lock) }
            if let takenOver { tookOver(takenOver) }
            phase("lock")
            return try s.transaction {
                let current = Int(try s.scalar("SELECT CAST(MAX(number) AS TEXT) FROM revisions") ?? "0") ?? 0
                guard current == plan.baseRevision else { throw StalePlanError(planned: plan.baseRevision, current: current) }
                var writer = StoreWriter(session: s, revision: current + 1, actor: actor, gitCommit: gitCommit)
                writer.takenOver = takenOver
                writer.phase = phase
                let newSecrets = try writer.write(plan)
                try secrets(newSecrets)
                return ApplyOutcome(revision: current + 1, rowChanges: plan.changes.count, subjectsChanged: plan.effective.count + plan.removedSubjects.count,
                                    invitations: plan.invitations, revokedInvitations: writer.revokedInvitations,
                                    newTokens: plan.newTokens, revokedTokens: plan.revokedTokens, auditEntries: writer.auditEntries)
            }
        }
    }

    // MARK: Drift, import, audit

    /// Changes made in the store since the last apply, by rows orgtree did not write.
    public func drift() throws -> [DriftItem] {
        if missing { return [] }
        return try session { s in
            try s.transaction {
                guard try StateSchema.version(s) > 0 else { return [] }
                var items: [DriftItem] = []
                var applied: [String: [String: String]] = [:]
                for row in try s.query("SELECT table_name, row_key, row_hash FROM applied_rows") {
                    applied[row[0] ?? "", default: [:]][row[1] ?? ""] = row[2] ?? ""
                }
                for table in StoreSnapshot.tables.map(\.table) {
                    var expected = applied[table.name] ?? [:]
                    for row in try Self.rows(of: table, s) {
                        let key = Digests.key(Array(row.prefix(table.keyCount)))
                        if let hash = expected.removeValue(forKey: key) {
                            if hash != Digests.row(row) { items.append(DriftItem(table: table.name, kind: .modified, key: key)) }
                        } else {
                            items.append(DriftItem(table: table.name, kind: .added, key: key))
                        }
                    }
                    for key in expected.keys.sorted() { items.append(DriftItem(table: table.name, kind: .removed, key: key)) }
                }
                var digests: [String: String] = [:]
                for row in try s.query("SELECT subject, digest FROM effective_digests") { digests[row[0] ?? ""] = row[1] ?? "" }
                for (subject, digest) in try Self.effectiveDigestsNow(s) {
                    if let d = digests.removeValue(forKey: subject) {
                        if d != digest { items.append(DriftItem(table: DriftItem.effectiveAccess, kind: .modified, key: subject)) }
                    } else {
                        items.append(DriftItem(table: DriftItem.effectiveAccess, kind: .added, key: subject))
                    }
                }
                for subject in digests.keys.sorted() { items.append(DriftItem(table: DriftItem.effectiveAccess, kind: .removed, key: subject)) }
                return items.sorted { ($0.table, $0.key, $0.kind.rawValue) < ($1.table, $1.key, $1.kind.rawValue) }
            }
        }
    }

    /// The digest of every subject's effective rows as the store holds them now. Read in
    /// one pass per table, a subject at a time (the rows are grouped by subject; within a
    /// subject they are sorted here, not by the database's collation), without keeping
    /// more than one subject's permission rows.
    static func effectiveDigestsNow(_ s: SQLSession) throws -> [String: String] {
        var access: [String: [EffectiveAccessRow]] = [:]
        try s.forEachRow(select(EffectiveAccessRow.table), []) { columns in
            let row: EffectiveAccessRow = try decode(columns)
            access[row.subject, default: []].append(row)
        }
        var templates: [String: [EffectiveTemplatePermissionRow]] = [:]
        try s.forEachRow(select(EffectiveTemplatePermissionRow.table), []) { columns in
            let row: EffectiveTemplatePermissionRow = try decode(columns)
            templates[row.subject, default: []].append(row)
        }
        var digests: [String: String] = [:]
        var subject: String?
        var permissions: [EffectivePermissionRow] = []
        func finish() {
            guard let subject else { return }
            let rows = SubjectRows(subject: subject, access: access.removeValue(forKey: subject) ?? [], permissions: permissions,
                                   templates: templates.removeValue(forKey: subject) ?? [])
            digests[subject] = Digests.subjectDigest(rows.sorted())
        }
        try s.forEachRow(select(EffectivePermissionRow.table) + " ORDER BY subject", []) { columns in
            let row: EffectivePermissionRow = try decode(columns)
            if row.subject != subject {
                finish()
                subject = row.subject
                permissions.removeAll(keepingCapacity: true)
            }
            permissions.append(row)
        }
        finish()
        for subject in Set(access.keys).union(templates.keys) {
            let rows = SubjectRows(subject: subject, access: access[subject] ?? [], templates: templates[subject] ?? [])
            digests[subject] = Digests.subjectDigest(rows.sorted())
        }
        return digests
    }

    /// Checks the audit log's hash chain from its first entry.
    public func verifyAudit() throws -> AuditVerification {
        if missing { return AuditVerification(entries: 0, brokenAt: nil) }
        return try session { s in
            guard try StateSchema.version(s) > 0 else { return AuditVerification(entries: 0, brokenAt: nil) }
            var previous = AuditChain.genesis
            var count = 0
            for row in try s.query("SELECT \(AuditEntry.selectColumns), prev_hash, hash FROM audit_log ORDER BY audit_log.seq") {
                count += 1
                let entry = AuditEntry(row: row)
                let expected = AuditChain.hash(entry, previous: previous)
                if row[9] != previous || row[10] != expected {
                    return AuditVerification(entries: count, brokenAt: entry.seq)
                }
                previous = expected
            }
            return AuditVerification(entries: count, brokenAt: nil)
        }
    }

    /// People recorded as invited whom the platform has not marked `accepted`, by id.
    public func pendingInvitations() throws -> [PendingInvitation] {
        if missing { return [] }
        return try session { s in
            guard try StateSchema.version(s) > 0 else { return [] }
            return try s.query("SELECT id, email, invited_at FROM people WHERE invitation = 'invited' ORDER BY id").map {
                PendingInvitation(person: $0[0] ?? "", email: $0[1] ?? "", invitedAt: $0[2] ?? "")
            }
        }
    }

    /// The store's revision history, newest first.
    public func revisions() throws -> [(number: Int, digest: String, gitCommit: String?, actor: String?, at: String)] {
        if missing { return [] }
        return try session { s in
            guard try StateSchema.version(s) > 0 else { return [] }
            return try s.query("SELECT CAST(number AS TEXT), tree_digest, git_commit, actor, applied_at FROM revisions ORDER BY revisions.number DESC").map {
                (Int($0[0] ?? "") ?? 0, $0[1] ?? "", $0[2] ?? nil, $0[3] ?? nil, $0[4] ?? "")
            }
        }
    }
}

extension StateStore {
    /// The current effective rows of some subjects, by subject (subjects the store has no
    /// rows of are left out).
    public func effectiveRows(of subjects: [String]) throws -> [String: SubjectRows] {
        if missing || subjects.isEmpty { return [:] }
        return try session { s in
            let known = Set(try s.query("SELECT subject FROM effective_digests").compactMap { $0[0] ?? nil })
            return try Self.effectiveRows(of: Set(subjects).intersection(known), s)
        }
    }

    /// The effective rows the store holds for some subjects, each table's rows sorted: a
    /// look-up per subject for a few, one pass over both tables for many.
    static func effectiveRows(of subjects: Set<String>, _ s: SQLSession) throws -> [String: SubjectRows] {
        var result: [String: SubjectRows] = [:]
        guard !subjects.isEmpty else { return result }
        for subject in subjects { result[subject] = SubjectRows(subject: subject) }
        // Rows of other subjects (read in one pass) are left out.
        func forEachRow<Row: StoreRow>(_: Row.Type, _ body: (Row) -> Void) throws {
            let query = select(Row.table)
            let add: ([String?]) throws -> Void = { body(try decode($0)) }
            if subjects.count > 200 {
                try s.forEachRow(query, [], add)
            } else {
                for subject in subjects { try s.forEachRow(query + " WHERE subject = \(s.dialect.placeholder(1))", [subject], add) }
            }
        }
        try forEachRow(EffectiveAccessRow.self) { result[$0.subject]?.access.append($0) }
        try forEachRow(EffectivePermissionRow.self) { result[$0.subject]?.permissions.append($0) }
        try forEachRow(EffectiveTemplatePermissionRow.self) { result[$0.subject]?.templates.append($0) }
        return result.mapValues { $0.sorted() }
    }
}
