import OrgTreeCore
import OrgTreeKit

/// What plan and apply share: the tree read and validated, its rows for the store, the
/// store's state and the store plan between them.
public struct DeploymentPlanning: Sendable {
    public var checked: CheckedTree
    public var desired: StoreSnapshot
    public var treeDigest: String
    public var stored: StoredState
    public var plan: StorePlan
    public var effective: EffectiveRowBuilder

    /// A tree that does not validate: nothing is planned.
    public struct InvalidTree: Error, Sendable {
        public var report: ValidationReport
    }

    /// Reads the store (on another core) while the tree is read and validated, then plans.
    /// `phase` is called with the name of each step once it is done (for timing).
    public static func prepare(tree: String, store: StateStore, day: Day, recomputeAll: Bool,
                               validator: Validator = Validator(), phase: (WorkStep) -> Void) throws -> DeploymentPlanning {
        let storeRead = BackgroundResult { Result { try store.read(effectiveFromRows: recomputeAll) } }
        let checked = try CheckedTree.read(folder: tree, at: day, validator: validator)
        phase(WorkStep("read and validate", files: checked.loaded.sources.files.count))
        guard checked.isValid else { throw InvalidTree(report: checked.report) }
        let desired = StoreSnapshot(tree: checked.result.tree, engine: checked.result.engine)
        let effective = EffectiveRowBuilder(engine: checked.result.engine, day: day)
        phase(WorkStep("rows from the tree", rows: desired.rowCount))
        let digest = Digests.tree(checked.loaded.sources.files)
        let stored = try storeRead.value.get()
        phase(WorkStep("read the store (waiting for it)", rows: stored.snapshot.rowCount))
        let plan = StorePlan.make(stored: stored, desired: desired, effective: effective, treeDigest: digest, recomputeAll: recomputeAll)
        phase(WorkStep("plan", rows: plan.changes.count))
        return DeploymentPlanning(checked: checked, desired: desired, treeDigest: digest, stored: stored, plan: plan, effective: effective)
    }
}
