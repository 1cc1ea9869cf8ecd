import OrgTreeCore

/// The audit entries of one apply, chained by SHA-256 from the log's last entry: one per
/// row written (table and key, the row's columns before and after, never a secret), one
/// per subject whose effective access changes (`EffectiveSummary` before and after) and
/// one for the revision. Pure: it computes rows for the `audit_log` table.
struct AuditLogBuilder: Sendable {
    let revision: Int
    let at: String
    let actor: String?
    let gitCommit: String?
    private var seq: Int
    private var previousHash: String
    private(set) var rows: [[String?]] = []

    static let columns = ["seq", "revision", "at", "actor", "git_commit", "action", "target", "before", "after", "prev_hash", "hash"]

    /// `head` is the log's last entry (nil for an empty log).
    init(revision: Int, at: String, actor: String?, gitCommit: String?, head: (seq: Int, hash: String)?) {
        self.revision = revision
        self.at = at
        self.actor = actor
        self.gitCommit = gitCommit
        seq = head?.seq ?? 0
        previousHash = head?.hash ?? AuditChain.genesis
    }

    mutating func record(_ action: String, _ target: String, before: String?, after: String?) {
        seq += 1
        let entry = AuditEntry(seq: seq, revision: revision, at: at, actor: actor, gitCommit: gitCommit,
                               action: action, target: target, before: before, after: after)
        let hash = AuditChain.hash(entry, previous: previousHash)
        rows.append([String(seq), String(revision), at, actor, gitCommit, action, target, before, after, previousHash, hash])
        previousHash = hash
    }

    /// Every entry of a plan, in the order the writer writes: rows, subjects losing all
    /// their rows, subjects whose rows change, then the revision. `known` are the subjects
    /// the store has rows of; `before` their rows, for those that change. A person removed
    /// while `pendingInvitations` holds them is recorded as `revoke-invitation`.
    mutating func record(_ plan: StorePlan, known: Set<String>, before: [String: SubjectRows], pendingInvitations: Set<String> = []) {
        for change in plan.writeOrder {
            guard let table = StoreTables.named(change.table) else { continue }
            let revokes = change.kind == .delete && table == PersonRow.table && change.key.first.map(pendingInvitations.contains) == true
            record(revokes ? "revoke-invitation" : change.kind.rawValue, "\(table.name) \(change.key.joined(separator: "/"))",
                   before: Self.text(table, change.before), after: Self.text(table, change.after))
        }
        func summary(_ subject: String) -> String? {
            before[subject].map { EffectiveSummary.text(access: $0.access, permissions: $0.permissions) }
        }
        for subject in plan.removedSubjects {
            record("revoke-access", subject, before: summary(subject), after: nil)
        }
        for rows in plan.effective {
            record(known.contains(rows.subject) ? "change-access" : "grant-access", rows.subject,
                   before: summary(rows.subject), after: EffectiveSummary.text(access: rows.access, permissions: rows.permissions))
        }
        record("revision", String(revision), before: nil, after: "tree \(plan.treeDigest)")
    }

    /// A row as `column=value; …`, empty columns left out.
    static func text(_ table: StoreTable, _ row: [String]?) -> String? {
        guard let row else { return nil }
        return zip(table.columns, row).filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }.joined(separator: "; ")
    }
}
