import Foundation
import OrgTreeCore
import OrgTreeKit

/// `apply`: plan the tree against the store, check the plan (a saved plan file, the
/// safety checks, secrets for new tokens), then write it in one transaction.
public struct Deployment: Sendable {
    public var tree: String
    /// A saved plan (`plan --out`) to apply exactly, if any.
    public var savedPlan: PlanFile?
    /// The person applying: the changes they may not make alone are refused.
    public var actor: Subject?
    /// Refuse when more subjects than this would lose any access.
    public var maxRemovals: Int
    /// The new file that receives new tokens' secrets.
    public var secretsOut: String?
    /// Seconds to wait for another apply's lock.
    public var lockTimeout: Double
    public var recomputeAll: Bool
    public var day: Day
    /// Checks the tree (`--expiry-warning`).
    public var validator = Validator()

    public init(tree: String, savedPlan: PlanFile?, actor: Subject?, maxRemovals: Int, secretsOut: String?,
                lockTimeout: Double, recomputeAll: Bool, day: Day) {
        self.tree = tree
        self.savedPlan = savedPlan
        self.actor = actor
        self.maxRemovals = maxRemovals
        self.secretsOut = secretsOut
        self.lockTimeout = lockTimeout
        self.recomputeAll = recomputeAll
        self.day = day
    }

    public enum Outcome: Sendable {
        /// The tree does not validate; nothing was written.
        case invalid(ValidationReport)
        /// Refused before writing, for one reason (a stale or mismatched plan, a held lock,
        /// new tokens without a secrets file).
        case refused(String)
        /// Refused by the safety checks; nothing was written.
        case unsafe([ApplyRefusal])
        /// Nothing to write: the tree's rows match the store's and so do the recomputed
        /// subjects' digests. `effectiveRowsRead`: every subject's effective rows were read
        /// back and recomputed (`--recompute-all`); otherwise the recorded digests were trusted.
        case upToDate(revision: Int, effectiveRowsRead: Bool)
        case applied(ApplyOutcome)
    }

    /// Runs the deployment. `phase` is called with the name of each step once it is done;
    /// `waiting` when another holder's lock makes it wait; `tookOver` when the lock of a
    /// holder that is gone was taken over; `replanning` when another apply committed while
    /// this one waited, so that it plans again against the store as it is now. Waiting is
    /// useful: without a saved plan, queued applies go one after the other (within
    /// `lockTimeout`); a saved plan (`--plan`) is applied exactly or refused as stale.
    public func run(on store: StateStore, phase: @escaping (WorkStep) -> Void = { _ in },
                    tookOver: @escaping (TakenOverLock) -> Void = { _ in },
                    replanning: @escaping (StalePlanError) -> Void = { _ in },
                    waiting: @escaping (StoreLock) -> Void = { _ in }) throws -> Outcome {
        let deadline = Date().addingTimeInterval(lockTimeout)
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try once(on: store, lockWait: max(0, deadline.timeIntervalSinceNow), phase: phase, tookOver: tookOver, waiting: waiting)
            } catch let stale as StalePlanError {
                // Planned against a revision another apply has since replaced: plan again,
                // unless the plan was saved (it must be applied as reviewed) or the time
                // to wait is up (after one new try).
                guard savedPlan == nil, attempt == 1 || Date() < deadline else { return .refused(stale.description) }
                replanning(stale)
            }
        }
    }

    private func once(on store: StateStore, lockWait: Double, phase: @escaping (WorkStep) -> Void,
                      tookOver: @escaping (TakenOverLock) -> Void, waiting: @escaping (StoreLock) -> Void) throws -> Outcome {
        let gitLookup = GitCommitLookup(folder: tree)
        let planning: DeploymentPlanning
        let recomputeAll = recomputeAll || savedPlan?.recomputeAll == true
        do {
            planning = try DeploymentPlanning.prepare(tree: tree, store: store, day: day, recomputeAll: recomputeAll,
                                                      validator: validator, phase: phase)
        } catch let invalid as DeploymentPlanning.InvalidTree {
            return .invalid(invalid.report)
        }
        let plan = planning.plan
        if let problem = savedPlan?.mismatch(with: plan) { return .refused(problem) }
        if plan.isEmpty { return .upToDate(revision: planning.stored.revision, effectiveRowsRead: recomputeAll) }
        let before = try store.effectiveRows(of: plan.effective.map(\.subject) + plan.removedSubjects)
        phase("read changing subjects")
        let losing = ApplySafety.merged(ApplySafety.subjectsLosingAccess(plan: plan, before: before),
                                        ApplySafety.membersLosingDefaults(plan: plan, stored: planning.stored.snapshot, desired: planning.desired,
                                                                          matrix: planning.effective.matrix))
        var approval: ApplyRefusal?
        if let actor {
            let (diff, storeEngine) = DeploymentApprovals.changes(planning, day: day)
            approval = DeploymentApprovals.refusal(DeploymentApprovals.check(diff, storeEngine: storeEngine, planning: planning, actor: actor),
                                                   actor: actor)
            phase("approvals")
        }
        let refusals = ApplySafety.check(plan: plan, stored: planning.stored, desired: planning.desired,
                                         losing: losing, maxRemovals: maxRemovals, actor: actor, approval: approval)
        if !refusals.isEmpty { return .unsafe(refusals) }
        if !plan.newTokens.isEmpty && secretsOut == nil {
            return .refused("\(counted(plan.newTokens.count, "new token")) (\(plan.newTokens.joined(separator: ", "))) \(plan.newTokens.count == 1 ? "needs" : "need") --secrets-out FILE to receive their secrets once")
        }
        phase("safety checks")
        let gitCommit = gitLookup.value
        phase("git commit")
        do {
            let outcome = try store.apply(plan, actor: actor?.description, gitCommit: gitCommit, lockWait: lockWait, phase: phase,
                                          waiting: waiting, tookOver: tookOver) { secrets in
                guard !secrets.isEmpty, let path = secretsOut else { return }
                try SecretsFile.write(secrets, to: path)
            }
            phase("write: commit, unlock")
            return .applied(outcome)
        } catch let error as StoreLockedError {
            return .refused(error.description)
        }
    }
}
