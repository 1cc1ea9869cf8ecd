import OrgTreeCore
import OrgTreeKit

/// A deployment plan's sections, computed once for the text and markdown renderers and
/// shown by both in this order: the store's revision, drift, the row changes by table with
/// effective access, invitations and tokens, the summary line, then the effective changes
/// as `orgtree diff` reports them.
public struct DeploymentPlanReport: Sendable {
    /// One table's row changes: counts, and the first `limit` changes' labels.
    public struct TableChanges: Sendable {
        public var table: String
        public var inserts: Int
        public var updates: Int
        public var deletes: Int
        public var labels: [String]
        /// Changes not labelled (beyond the limit).
        public var more: Int
    }

    public var plan: DeploymentPlan
    /// "Store URL is at revision N (empty)."
    public var storeLine: String
    public var drift: [DriftItem]
    /// Drift in effective rows, which only `apply --recompute-all` writes back.
    public var effectiveDrift: Bool
    public var tables: [TableChanges]
    /// Lines after the tables: effective access removed and rewritten, invitations, tokens.
    public var notes: [String]
    /// The lines under "Apply would write revision N": each table's counts and changes,
    /// then the notes, indented.
    public var changeLines: [String] {
        var lines: [String] = []
        for table in tables {
            lines.append("  \(table.table): \(table.inserts) to add, \(table.updates) to change, \(table.deletes) to remove")
            lines += table.labels.map { "    \($0)" }
            if table.more > 0 { lines.append("    … and \(table.more) more") }
        }
        return lines + notes.map { "  \($0)" }
    }

    /// The heading of the drift section.
    public var driftTitle: String { "Changed in the store outside orgtree (drift), \(drift.count):" }

    /// Said under the drift when effective rows drifted.
    public var driftNote: String? {
        effectiveDrift ? "Effective rows changed outside orgtree are written back by `apply --recompute-all` only." : nil
    }

    /// The heading of the row changes.
    public var changesTitle: String { "Apply would write revision \(plan.plan.baseRevision + 1):" }

    /// Said instead of the row changes when there are none. `plan` reads every effective
    /// row (for drift): the store matches the tree unless effective rows drifted, which a
    /// plain apply leaves as they are.
    public var noChanges: String {
        effectiveDrift ? "No changes for a plain apply to write; the effective rows above differ from the tree's."
            : "No changes. The store matches the tree."
    }

    /// "Plan: N rows to add, …", or nil when there is nothing to do.
    public var summaryLine: String?
    public var effectiveChanges: DiffReport

    /// Labels shown per table.
    static let limit = 50

    public init(_ plan: DeploymentPlan) {
        self.plan = plan
        let (store, stored, p) = (plan.store, plan.stored, plan.plan)
        storeLine = "Store \(store) is at revision \(stored.revision)\(stored.revision == 0 ? " (empty)" : "")."
            + (stored.lock.map { " It is locked (\($0)): that apply may be writing now, and this plan is refused as stale once it commits; plan again after it ends (if that process is gone, `orgtree unlock --state URL \($0.id)`)." } ?? "")
        drift = plan.drift
        effectiveDrift = plan.drift.contains { $0.table == DriftItem.effectiveAccess }
        let byTable = Dictionary(grouping: p.changes.filter { $0.kind == .delete } + p.changes.filter { $0.kind != .delete }, by: \.table)
        tables = StoreTables.all.compactMap { table in
            guard let changes = byTable[table.name] else { return nil }
            let deletes = changes.count { $0.kind == .delete }, inserts = changes.count { $0.kind == .insert }
            return TableChanges(table: table.name, inserts: inserts, updates: changes.count - inserts - deletes, deletes: deletes,
                                labels: changes.prefix(Self.limit).map(Self.label), more: max(0, changes.count - Self.limit))
        }
        var notes: [String] = []
        if !p.removedSubjects.isEmpty {
            notes.append("effective access removed: \(p.removedSubjects.joined(separator: ", "))")
        }
        if !p.effective.isEmpty {
            let names = p.effective.map(\.subject)
            notes.append("effective access rewritten for \(counted(names.count, "subject")): \(names.prefix(20).joined(separator: ", "))\(names.count > 20 ? ", …" : "")")
        }
        // The first 20 names, and how many there are when there are more.
        func names(_ list: [String]) -> String {
            list.prefix(20).joined(separator: ", ") + (list.count > 20 ? ", … (\(list.count))" : "")
        }
        if !p.invitations.isEmpty { notes.append("invitations to send: \(names(p.invitations))") }
        if !p.revokedInvitations.isEmpty {
            notes.append("invitations to revoke (removed before they accepted): \(names(p.revokedInvitations))")
        }
        if !p.newTokens.isEmpty { notes.append("new tokens (secrets made at apply): \(p.newTokens.joined(separator: ", "))") }
        if !p.revokedTokens.isEmpty { notes.append("tokens to revoke: \(p.revokedTokens.joined(separator: ", "))") }
        self.notes = notes
        summaryLine = p.isEmpty ? nil
            : "Plan: \(counted(p.changes.count { $0.kind == .insert }, "row")) to add, \(p.changes.count { $0.kind == .update }) to change, \(p.changes.count { $0.kind == .delete }) to remove; effective access of \(counted(p.effective.count + p.removedSubjects.count, "subject"))."
        effectiveChanges = DiffReport(plan.effectiveChanges, plan.header)
    }

    /// `+ people quinn`, `- tokens helpdesk/staging-sync`, `~ people pia (job_title: A → B)`.
    static func label(_ change: RowChange) -> String {
        let sign = change.kind == .insert ? "+" : change.kind == .delete ? "-" : "~"
        var line = "\(sign) \(change.table) \(change.key.joined(separator: "/"))"
        if change.kind == .update, let before = change.before, let after = change.after, let table = StoreTables.named(change.table) {
            let diffs = zip(table.columns, zip(before, after)).filter { $0.1.0 != $0.1.1 }
                .map { "\($0.0): \($0.1.0.isEmpty ? "(none)" : $0.1.0) → \($0.1.1.isEmpty ? "(none)" : $0.1.1)" }
            line += " (" + diffs.joined(separator: ", ") + ")"
        }
        return line
    }
}
