import OrgTreeCore
import OrgTreeKit

/// What `plan` shows: the store plan (rows, effective access, invitations, tokens), the
/// drift found in the store, and the effective changes as `orgtree diff` reports them
/// (the store's state read back as a tree against the tree).
public struct DeploymentPlan: Sendable {
    public var store: StateURL
    public var day: Day
    public var recomputeAll: Bool
    public var stored: StoredState
    public var plan: StorePlan
    public var drift: [DriftItem]
    public var effectiveChanges: TreeDiff
    /// How the effective changes name their two sides.
    public var header: DiffHeader

    public var hasChanges: Bool { !plan.isEmpty }

    /// Plans the tree in folder `tree` against `store`, read-only. Throws
    /// `DeploymentPlanning.InvalidTree` when the tree does not validate.
    /// With `actor`, the effective changes that person may not make alone are flagged.
    /// `provenance`: which projects of an effective change carry their chains (the first
    /// few suffice for a plan shown as text or markdown).
    public static func make(tree: String, store: StateStore, day: Day, recomputeAll: Bool, actor: Subject? = nil,
                            provenance: DiffProvenanceScope = .everyProject,
                            validator: Validator = Validator(), phase: (WorkStep) -> Void = { _ in }) throws -> DeploymentPlan {
        let planning = try DeploymentPlanning.prepare(tree: tree, store: store, day: day, recomputeAll: recomputeAll,
                                                      validator: validator, phase: phase)
        let drift = try store.drift()
        phase("drift")
        var (diff, storeEngine) = DeploymentApprovals.changes(planning, day: day, provenance: provenance)
        if let actor { diff = DeploymentApprovals.check(diff, storeEngine: storeEngine, planning: planning, actor: actor) }
        phase("effective changes (diff)")
        return DeploymentPlan(store: store.url, day: day, recomputeAll: recomputeAll, stored: planning.stored,
                              plan: planning.plan, drift: drift, effectiveChanges: diff,
                              header: DiffHeader(old: "\(store.url) (revision \(planning.stored.revision))", new: tree, day: day))
    }
}
