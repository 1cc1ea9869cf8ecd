import Foundation
import OrgTreeCore

/// Text, markdown and JSON for `plan`, and the summary of `apply`.
public enum PlanRendering {
    public enum Format: Sendable { case text, markdown, json }

    public static func render(_ plan: StorePlan, stored: StoredState, drift: [DriftItem], store: StateURL, format: Format) -> String {
        switch format {
        case .json: return json(plan, stored: stored, drift: drift, store: store)
        case .text, .markdown: return text(plan, stored: stored, drift: drift, store: store, markdown: format == .markdown)
        }
    }

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

    static func text(_ plan: StorePlan, stored: StoredState, drift: [DriftItem], store: StateURL, markdown: Bool) -> String {
        var out = ""
        let code = markdown ? "```\n" : ""
        if markdown { out += "<!-- orgtree-plan -->\n### orgtree plan for `\(store)`\n\n" }
        out += "Store \(store) is at revision \(stored.revision)\(stored.revision == 0 ? " (empty)" : "").\n"
        if !drift.isEmpty {
            out += "\n\(markdown ? "#### " : "")Changed in the store outside orgtree (drift), \(drift.count):\n\(code)"
            for item in drift { out += "  \(item)\n" }
            out += code
            if drift.contains(where: { $0.table == DriftItem.effectiveAccess }) {
                out += "Effective rows changed outside orgtree are written back by `apply --recompute-all` only.\n"
            }
        }
        if plan.isEmpty {
            out += "\nNo changes. The store matches the tree.\n"
            return out
        }
        let removals = plan.changes.filter { $0.kind == .delete }
        let others = plan.changes.filter { $0.kind != .delete }
        out += "\n\(markdown ? "#### " : "")Apply would write revision \(plan.baseRevision + 1):\n\(code)"
        let byTable = Dictionary(grouping: removals + others, by: \.table)
        let limit = 50
        for table in StoreTables.all where byTable[table.name] != nil {
            let changes = byTable[table.name]!
            let deletes = changes.filter { $0.kind == .delete }.count, inserts = changes.filter { $0.kind == .insert }.count
            out += "  \(table.name): \(inserts) to add, \(changes.count - inserts - deletes) to change, \(deletes) to remove\n"
            for change in changes.prefix(limit) { out += "    \(label(change))\n" }
            if changes.count > limit { out += "    … and \(changes.count - limit) more\n" }
        }
        if !plan.removedSubjects.isEmpty {
            out += "  effective access removed: \(plan.removedSubjects.joined(separator: ", "))\n"
        }
        if !plan.effective.isEmpty {
            let names = plan.effective.map(\.subject)
            out += "  effective access rewritten for \(names.count) subject\(names.count == 1 ? "" : "s"): \(names.prefix(20).joined(separator: ", "))\(names.count > 20 ? ", …" : "")\n"
        }
        if !plan.invitations.isEmpty { out += "  invitations to send: \(plan.invitations.prefix(20).joined(separator: ", "))\(plan.invitations.count > 20 ? ", … (\(plan.invitations.count))" : "")\n" }
        if !plan.newTokens.isEmpty { out += "  new tokens (secrets made at apply): \(plan.newTokens.joined(separator: ", "))\n" }
        if !plan.revokedTokens.isEmpty { out += "  tokens to revoke: \(plan.revokedTokens.joined(separator: ", "))\n" }
        out += code
        out += "\nPlan: \(plan.changes.filter { $0.kind == .insert }.count) rows to add, \(plan.changes.filter { $0.kind == .update }.count) to change, \(removals.count) to remove; effective access of \(plan.effective.count + plan.removedSubjects.count) subjects.\n"
        return out
    }

    static func json(_ plan: StorePlan, stored: StoredState, drift: [DriftItem], store: StateURL) -> String {
        struct Body: Encodable {
            var format_version = 1
            var store: String
            var base_revision: Int
            var tree_digest: String
            var drift: [[String: String]]
            var changes: [PlanFile.Change]
            var effective_subjects: [String]
            var removed_subjects: [String]
            var invitations: [String]
            var new_tokens: [String]
            var revoked_tokens: [String]
        }
        let file = PlanFile(plan: plan, store: store.description, at: "")
        let body = Body(store: store.description, base_revision: plan.baseRevision, tree_digest: plan.treeDigest,
                        drift: drift.map { ["table": $0.table, "kind": $0.kind.rawValue, "key": $0.key.replacingOccurrences(of: "\u{1F}", with: "/")] },
                        changes: file.changes, effective_subjects: plan.effective.map(\.subject), removed_subjects: plan.removedSubjects,
                        invitations: plan.invitations, new_tokens: plan.newTokens, revoked_tokens: plan.revokedTokens)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(body)) ?? Data(), as: UTF8.self) + "\n"
    }

    public static func outcome(_ o: ApplyOutcome, store: StateURL, secretsOut: String?) -> String {
        var lines = ["Applied revision \(o.revision) to \(store): \(o.rowChanges) row changes, effective access of \(o.subjectsChanged) subjects, \(o.auditEntries) audit entries."]
        // One name per line, so that long lists stay readable and grep-able in CI logs.
        func list(_ title: String, _ names: [String]) {
            guard !names.isEmpty else { return }
            lines.append(title)
            lines += names.map { "  \($0)" }
        }
        list("Invited \(o.invitations.count) (the platform sends the confirmation e-mail):", o.invitations)
        list("New tokens \(o.newTokens.count) (their secrets are in \(secretsOut ?? "?"), shown once):", o.newTokens)
        list("Revoked tokens \(o.revokedTokens.count):", o.revokedTokens)
        return lines.joined(separator: "\n")
    }
}
