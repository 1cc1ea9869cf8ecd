import OrgTreeCore
import OrgTreeKit

/// `apply --actor` and `plan --actor`: the changes a deployment makes, as `orgtree diff`
/// reports them (the store's state read back as a tree, against the tree), checked by
/// the one approvals model (`Approvals`) that `diff --actor` uses, with rights judged by
/// the access the store holds. The first apply into an empty store creates the
/// organization: nobody holds a role yet, so an owner of the organization in the tree may
/// make it alone and nobody else may (docs/state-store.md).
public enum DeploymentApprovals {
    /// The effective changes from the store's state to the tree (assertions are tests of
    /// the tree, not state: the store does not keep them), and the engine of that state.
    /// `provenance`: which projects of an access change carry their chains.
    public static func changes(_ planning: DeploymentPlanning, day: Day,
                               provenance: DiffProvenanceScope = .everyProject) -> (diff: TreeDiff, storeEngine: AccessEngine) {
        changes(from: planning.stored.snapshot, to: planning.checked.result.engine, day: day, provenance: provenance)
    }

    /// The effective changes from a store's rows to a tree.
    public static func changes(from stored: StoreSnapshot, to tree: AccessEngine, day: Day,
                               provenance: DiffProvenanceScope = .everyProject) -> (diff: TreeDiff, storeEngine: AccessEngine) {
        let storeEngine = AccessEngine(tree: SnapshotTree.tree(from: stored))
        let diff = TreeDiffer(old: storeEngine, new: tree, day: day, provenance: provenance).diff()
        return (TreeDiff(changes: diff.changes.compactMap {
            if case .entity(let e) = $0.detail, e.kind == .assertion { return nil }
            return $0.oldSideFromStore
        }), storeEngine)
    }

    /// The diff with the changes `actor` may not make alone flagged.
    public static func check(_ diff: TreeDiff, storeEngine: AccessEngine, planning: DeploymentPlanning, actor: Subject) -> TreeDiff {
        guard planning.stored.revision == 0 else { return Approvals(judgedBy: storeEngine).check(diff, actor: actor) }
        var result = diff
        result.actor = actor
        let tree = planning.checked.result.engine
        if case .person(let id) = actor, tree.orgRoleOnly(of: id) == .owner { return result }
        for i in result.changes.indices {
            result.changes[i].actorFlag = "needs an org owner of the tree: the first apply creates the organization (\(actor) is not one)"
        }
        return result
    }

    /// Why `actor` may not apply the diff alone, or nil when they may.
    public static func refusal(_ checked: TreeDiff, actor: Subject) -> ApplyRefusal? {
        let flagged = checked.flagged
        guard !flagged.isEmpty else { return nil }
        let lines = flagged.prefix(20).map { change in
            let about = change.subject == nil || change.isEntity ? "" : "\(DiffWording.about(change)): "
            return "\(about)\(DiffWording.title(change)): \(change.actorFlag ?? "")"
        }
        return ApplyRefusal(reason: "refused: \(actor) may not make \(flagged.count) of these changes alone",
                            details: lines + (flagged.count > 20 ? ["… and \(flagged.count - 20) more"] : []))
    }
}

extension DiffChange {
    /// The change with OLD's provenance marked as read from the store: its files are those
    /// of the store read back as a tree, and their line numbers are nobody's text.
    var oldSideFromStore: DiffChange {
        func fromStore(_ projects: [ProjectProvenance]) -> [ProjectProvenance] {
            projects.map { var p = $0; p.wasVia = p.wasVia.map(\.readFromStore); return p }
        }
        var change = self
        change.wasVia = wasVia.map(\.readFromStore)
        switch detail {
        case .projectAccess(var p):
            p.projects = fromStore(p.projects)
            change.detail = .projectAccess(p)
        case .defaultRole(var d):
            d.projects = fromStore(d.projects)
            change.detail = .defaultRole(d)
        case .tokenScopes(var t):
            // Why the store's token held nothing: said without a line of the store's tree.
            t.restored = t.restored.map { Reason($0.message) }
            change.detail = .tokenScopes(t)
        default: break
        }
        return change
    }
}
