import OrgTreeCore

/// The text of `apply` (what it did) and `drift` (what changed outside orgtree).
public enum StoreTextRendering {
    /// `drift`: the store's last revision, then each change made outside orgtree.
    public static func drift(_ items: [DriftItem], store: StateURL,
                             last: (number: Int, digest: String, gitCommit: String?, actor: String?, at: String)?) -> String {
        var lines = ["\(store): revision \(last?.number ?? 0)\(last.map { ", applied \($0.at)" + ($0.actor.map { " by \($0)" } ?? "") } ?? ", never applied")"]
        if items.isEmpty {
            lines.append("No drift: the store holds exactly what orgtree last wrote.")
            return lines.joined(separator: "\n")
        }
        lines += items.map { "  \($0)" }
        let effective = items.contains { $0.table == DriftItem.effectiveAccess }
        lines.append("\(counted(items.count, "change")) made outside orgtree; `orgtree apply\(effective ? " --recompute-all" : "")` will put the tree's state back.")
        return lines.joined(separator: "\n")
    }

    /// `apply` with nothing to write. A plain apply compares the tree's rows and the
    /// recorded digests of effective rows, not the effective rows themselves: it says so,
    /// and what reads them.
    public static func upToDate(store: StateURL, revision: Int, effectiveRowsRead: Bool) -> String {
        if effectiveRowsRead {
            return "No changes: \(store) is at revision \(revision) and matches the tree, effective access rows included (all read back)."
        }
        return "No changes: \(store) is at revision \(revision) and holds the tree's rows.\n"
            + "Effective access rows were not read back (apply trusts the digests it recorded when it wrote them); `orgtree drift` or `orgtree apply --recompute-all` checks them."
    }

    public static func outcome(_ o: ApplyOutcome, store: StateURL, secretsOut: String?) -> String {
        var lines = ["Applied revision \(o.revision) to \(store): \(counted(o.rowChanges, "row change")), effective access of \(counted(o.subjectsChanged, "subject")), \(counted(o.auditEntries, "audit entry", plural: "audit entries"))."]
        // One name per line, so that long lists stay readable and grep-able in CI logs.
        func list(_ title: String, _ names: [String]) {
            guard !names.isEmpty else { return }
            lines.append(title)
            lines += names.map { "  \($0)" }
        }
        list("Invited \(o.invitations.count) (the platform sends the confirmation e-mail):", o.invitations)
        list("Invitations revoked \(o.revokedInvitations.count) (removed before they accepted):", o.revokedInvitations)
        list("New tokens \(o.newTokens.count) (their secrets are in \(secretsOut ?? "?"), shown once):", o.newTokens)
        list("Revoked tokens \(o.revokedTokens.count):", o.revokedTokens)
        return lines.joined(separator: "\n")
    }
}
