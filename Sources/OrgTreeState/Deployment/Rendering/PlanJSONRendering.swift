import OrgTreeCore
import OrgTreeKit

/// `plan --format json`, and the plan file `plan --out` writes (the same document;
/// `format_version` 1, documented in docs/state-store.md): the store plan with each
/// changing subject's digest, the drift, and the effective changes as `diff --format json`
/// reports them. Keys sorted, in `JSONWriter`'s one layout.
public enum PlanJSONRendering {
    public static func render(_ report: DeploymentPlanReport) -> String {
        let (plan, p) = (report.plan, report.plan.plan)
        var w = JSONWriter()
        w.object { w in
            w.key("at"); w.string(plan.day.description)
            w.key("base_revision"); w.int(p.baseRevision)
            w.key("changes"); w.value(.array(p.changes.map(change)))
            w.key("drift")
            w.value(.array(plan.drift.map {
                ["table": .string($0.table), "kind": .string($0.kind.rawValue), "key": .string($0.key.replacingOccurrences(of: "\u{1F}", with: "/"))]
            }))
            w.key("effective"); w.value(.object(Dictionary(uniqueKeysWithValues: p.effective.map { ($0.subject, JSONValue.string($0.digest)) })))
            w.key("effective_changes"); DiffJSONRendering.write(report.effectiveChanges, to: &w)
            w.key("effective_subjects"); w.strings(p.effective.map(\.subject))
            w.key("format_version"); w.int(PlanFile.formatVersion)
            w.key("invitations"); w.strings(p.invitations)
            w.key("lock")
            w.value(plan.stored.lock.map {
                .object(["id": .string($0.id), "holder": .string($0.holder), "operation": .string($0.operation), "acquired_at": .string($0.acquiredAt)])
            } ?? .null)
            w.key("new_tokens"); w.strings(p.newTokens)
            w.key("plan_digest"); w.string(PlanFile.digest(of: plan))
            w.key("recompute_all"); w.bool(plan.recomputeAll)
            w.key("removed_subjects"); w.strings(p.removedSubjects)
            w.key("revoked_invitations"); w.strings(p.revokedInvitations)
            w.key("revoked_tokens"); w.strings(p.revokedTokens)
            w.key("store"); w.string(plan.store.description)
            w.key("tree_digest"); w.string(p.treeDigest)
        }
        w.end()
        return w.text
    }

    /// `{"after"?, "before"?, "key", "kind", "table"}`: a row change with its columns.
    static func change(_ change: RowChange) -> JSONValue {
        var object: [String: JSONValue] = ["table": .string(change.table), "kind": .string(change.kind.rawValue), "key": .strings(change.key)]
        if let before = change.before { object["before"] = .strings(before) }
        if let after = change.after { object["after"] = .strings(after) }
        return .object(object)
    }
}
