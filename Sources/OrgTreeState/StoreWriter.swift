import Foundation
import OrgTreeCore

/// Writes one plan inside an open transaction: rows table by table (deletes children
/// first, inserts parents first), the store-managed columns (invitations, token secrets
/// and revocation), the per-subject effective rows, the drift baseline, the revision and
/// the audit entries (`AuditLogBuilder`, computed on another core meanwhile).
struct StoreWriter {
    let session: SQLSession
    let revision: Int
    let actor: String?
    let gitCommit: String?
    let now = Clock.now()
    /// Called after each phase of the write with its name (for timing; no output of its own).
    var phase: (WorkStep) -> Void = { _ in }
    private(set) var auditEntries = 0
    /// A lock whose holder was gone, taken over by this apply: its first audit entry.
    var takenOver: TakenOverLock?
    /// People removed while their invitation was still pending: the invitation is revoked.
    private(set) var revokedInvitations: [String] = []

    init(session: SQLSession, revision: Int, actor: String?, gitCommit: String?) {
        self.session = session
        self.revision = revision
        self.actor = actor
        self.gitCommit = gitCommit
    }

    private func p(_ n: Int) -> String { session.dialect.placeholder(n) }

    private func whereKey(_ table: StoreTable, from n: Int = 1) -> String {
        table.columns.prefix(table.keyCount).enumerated().map { "\($0.element) = \(p(n + $0.offset))" }.joined(separator: " AND ")
    }

    /// A row's values as stored (`storedValue`).
    private static func values(_ table: StoreTable, _ row: [String]) -> [String?] {
        row.enumerated().map { storedValue($0.element, column: $0.offset, keyCount: table.keyCount) }
    }

    /// Writes the plan and its revision; returns the secrets of new tokens (token subject, secret).
    mutating func write(_ plan: StorePlan) throws -> [(token: String, secret: String)] {
        // What the audit entries need from the store, read first; then the entries are
        // built on another core while this one writes the rows.
        let head = try session.query("SELECT CAST(seq AS TEXT), hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1").first
            .map { (seq: Int($0[0] ?? "0") ?? 0, hash: $0[1] ?? AuditChain.genesis) }
        let known = Set(try session.query("SELECT subject FROM effective_digests").compactMap { $0[0] ?? nil })
        let before = try StateStore.effectiveRows(of: Set(plan.effective.map(\.subject) + plan.removedSubjects).intersection(known), session)
        let removedPeople = Set(plan.changes.compactMap { $0.kind == .delete ? $0.rows(PersonRow.self)?.before?.id : nil })
        let pending = removedPeople.isEmpty ? []
            : Set(try session.query("SELECT id FROM people WHERE invitation = 'invited'").compactMap { $0[0] ?? nil }).intersection(removedPeople)
        revokedInvitations = pending.sorted()
        var builder = AuditLogBuilder(revision: revision, at: now, actor: actor, gitCommit: gitCommit, head: head)
        if let takenOver {
            builder.record("take-over-lock", "locks store", before: takenOver.lock.description, after: takenOver.reason)
        }
        let audit = BackgroundResult { [builder] in
            var builder = builder
            builder.record(plan, known: known, before: before, pendingInvitations: pending)
            return builder.rows
        }
        // Wait for it even when a write fails, so that nothing outlives the transaction.
        defer { _ = audit.value }
        phase("write: read audit head, old rows")

        var secrets: [(String, String)] = []
        // Revoked tokens: one of them is replaced when a token of the same id comes back.
        let revoked = Set(try session.query("SELECT project, id FROM tokens WHERE revoked_at IS NOT NULL").map { $0.map { $0 ?? "" } })
        var inserts: [String: [[String?]]] = [:]
        var appliedInserts: [[String?]] = []
        for change in plan.writeOrder {
            guard let table = StoreTables.named(change.table) else { continue }
            let key = Digests.key(change.key)
            switch change.kind {
            case .delete:
                if table == TokenRow.table {
                    try session.execute("UPDATE tokens SET revoked_at = \(p(1)) WHERE \(whereKey(table, from: 2)) AND revoked_at IS NULL", [now] + change.key)
                } else {
                    try session.execute("DELETE FROM \(table.name) WHERE \(whereKey(table))", change.key)
                }
                try session.execute("DELETE FROM applied_rows WHERE table_name = \(p(1)) AND row_key = \(p(2))", [table.name, key])
            case .update:
                let after = change.after!
                let assignments = table.columns.dropFirst(table.keyCount).enumerated().map { "\($0.element) = \(p($0.offset + 1))" }
                let values = Array(Self.values(table, after).dropFirst(table.keyCount))
                try session.execute("UPDATE \(table.name) SET \(assignments.joined(separator: ", ")) WHERE \(whereKey(table, from: values.count + 1))\(table == TokenRow.table ? " AND revoked_at IS NULL" : "")",
                                    values + change.key)
                try session.execute("UPDATE applied_rows SET row_hash = \(p(1)) WHERE table_name = \(p(2)) AND row_key = \(p(3))",
                                    [Digests.row(after), table.name, key])
            case .insert:
                let after = change.after!
                var row = Self.values(table, after)
                if table == PersonRow.table {
                    row += ["invited", now]
                } else if let token = change.row(TokenRow.self) {
                    let secret = TokenSecret.generate()
                    secrets.append((token.subject.description, secret))
                    // A token of the same id revoked earlier is replaced by the new one.
                    if revoked.contains(change.key) {
                        try session.execute("DELETE FROM tokens WHERE \(whereKey(table)) AND revoked_at IS NOT NULL", change.key)
                    }
                    row += [TokenSecret.hash(secret), now, nil]
                }
                inserts[table.name, default: []].append(row)
                appliedInserts.append([table.name, key, Digests.row(after)])
            }
        }
        for table in StoreTables.all where inserts[table.name] != nil {
            var columns = table.columns
            if table == PersonRow.table { columns += ["invitation", "invited_at"] }
            if table == TokenRow.table { columns += ["secret_hash", "created_at", "revoked_at"] }
            try session.insert(into: table.name, columns: columns, rows: inserts[table.name]!)
        }
        // A row deleted outside orgtree and now written again still has its baseline entry.
        try session.insert(into: "applied_rows", columns: ["table_name", "row_key", "row_hash"], rows: appliedInserts,
                           upsert: ["table_name", "row_key"])
        phase(WorkStep("write: tree rows", rows: plan.changes.count))

        // Effective rows, subject by subject.
        for subject in plan.removedSubjects { try clearEffective(subject) }
        var digestRows: [[String?]] = []
        for rows in plan.effective {
            if known.contains(rows.subject) { try clearEffective(rows.subject) }
            digestRows.append([rows.subject, rows.digest])
        }
        try insert(plan.effective, \.access)
        try insert(plan.effective, \.permissions)
        try insert(plan.effective, \.templates)
        try session.insert(into: "effective_digests", columns: ["subject", "digest"], rows: digestRows)
        phase(WorkStep("write: effective rows", rows: plan.effective.reduce(0) { $0 + $1.access.count + $1.permissions.count + $1.templates.count }))

        let changes = plan.changes.count + plan.effective.count + plan.removedSubjects.count
        try session.insert(into: "revisions", columns: ["number", "tree_digest", "git_commit", "actor", "applied_at", "changes"],
                           rows: [[String(revision), plan.treeDigest, gitCommit, actor, now, String(changes)]], integers: ["number", "changes"])
        let entries = audit.value
        phase("write: wait for the audit entries")
        try session.insert(into: "audit_log", columns: AuditLogBuilder.columns, rows: entries, integers: ["seq", "revision"])
        auditEntries = entries.count
        phase(WorkStep("write: revision, audit log", rows: entries.count))
        return secrets
    }

    /// Inserts every subject's rows of one effective table as orgtree stores them
    /// (`storedValue`), in one bulk insert, without gathering them in one array (a copy of
    /// every row: 80 MB for the first apply of 20,000 people). A method of the writer, not
    /// of `SQLSession`, so that it is specialized for each row type.
    private func insert<Row: StoreRow>(_ subjects: [SubjectRows], _ rows: KeyPath<SubjectRows, [Row]>) throws {
        let table = Row.table
        let lists = subjects.map { $0[keyPath: rows] }
        let count = lists.reduce(0) { $0 + $1.count }
        // The stores ask for the rows in order, a column at a time: the row at hand is
        // found by walking the lists, and read once.
        var list = 0, start = 0, at = -1
        var row: Row?
        try session.insert(into: table.name, columns: table.columns, count: count) { r, c in
            if r != at {
                if r > 0 && r % 100_000 == 0 { phase(WorkStep("write: \(table.name)", rows: r, underWay: true)) }
                if r < start { (list, start) = (0, 0) }
                while r >= start + lists[list].count {
                    start += lists[list].count
                    list += 1
                }
                row = lists[list][r - start]
                at = r
            }
            return storedValue(row!.column(c), column: c, keyCount: table.keyCount)
        }
    }

    private func clearEffective(_ subject: String) throws {
        try session.execute("DELETE FROM effective_access WHERE subject = \(p(1))", [subject])
        try session.execute("DELETE FROM effective_permissions WHERE subject = \(p(1))", [subject])
        try session.execute("DELETE FROM effective_template_permissions WHERE subject = \(p(1))", [subject])
        try session.execute("DELETE FROM effective_digests WHERE subject = \(p(1))", [subject])
    }
}

/// Token secrets: 32 bytes from the system's CSPRNG; the store keeps only the SHA-256.
enum TokenSecret {
    static func generate() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return "otk_" + Digests.hex(bytes)
    }

    static func hash(_ secret: String) -> String { "sha256:" + Digests.hex(secret) }
}
