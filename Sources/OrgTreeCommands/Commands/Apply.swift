import ArgumentParser
import OrgTreeKit
import OrgTreeState

struct Apply: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the store match the tree, in one transaction.",
        discussion: """
            Everything is written in one database transaction under the store's lock: the \
            revision goes up by one, every change gets an audit entry chained by SHA-256, new \
            people are recorded as invited, new tokens get a secret (written once to \
            --secrets-out, stored only as a hash), removed tokens are revoked.

            Refused (exit 1, nothing written): a tree that does not validate; a plan file \
            made against another store revision or tree; removing every current owner; more \
            subjects losing access than --max-removals; with --actor, changes that person may \
            not make alone (as `diff --actor` flags them, judged by the store's state) or that \
            take away their own owner or admin role.

            Examples:
              orgtree apply sample-org --state sqlite:state.db --secrets-out new-tokens.txt
              orgtree apply . --state sqlite:state.db --plan plan.json --actor ann

            Exit codes: 0 applied (or nothing to do), 1 refused, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var tree: TreeArgument
    @OptionGroup var store: StoreOption
    @Option(help: "Apply exactly this plan file (from `plan --out`); its day is the default of --at.") var plan: String?
    @Option(help: "The person applying: changes they may not make alone (as `diff --actor` shows them) are refused.") var actor: String?
    @Option(help: "Refuse when more subjects than this would lose any access.") var maxRemovals: Int = 5
    @Option(help: ArgumentHelp("Write new tokens' secrets to this new file (0600).", valueName: "file")) var secretsOut: String?
    @Option(help: ArgumentHelp("How many seconds to wait for another apply's lock; without --plan, an apply that waited plans again against what that apply wrote.", valueName: "seconds")) var lockTimeout: Double = 0
    @Flag(help: "Recompute every subject's effective rows and compare them with the rows the store holds (restores rows changed outside orgtree).") var recomputeAll = false
    @OptionGroup var day: DayOption
    @OptionGroup var expiry: ExpiryWarningOption
    @OptionGroup var quiet: ProgressOption
    @OptionGroup var color: ColorOption

    func validate() throws {
        // nan would act as 0 and inf would wait forever.
        guard lockTimeout.isFinite, lockTimeout >= 0 else {
            throw ValidationError("--lock-timeout takes a number of seconds, 0 or more (got \(lockTimeout))")
        }
    }

    func run(_ console: Console) throws {
        // A saved plan is applied as it was made: on its day, recomputing what it recomputed.
        var saved: PlanFile?
        if let file = plan {
            do { saved = try PlanFile.read(from: file) } catch { throw CommandFailure(message: "cannot read the plan file \(file): \(error)") }
        }
        var deployment = Deployment(tree: tree.tree, savedPlan: saved, actor: try actor.map { try TreeLookup.personLike($0, option: "--actor") }, maxRemovals: maxRemovals, secretsOut: secretsOut,
                                    lockTimeout: lockTimeout, recomputeAll: recomputeAll, day: try day.day(orElse: saved?.at))
        deployment.validator = expiry.validator
        let progress = quiet.progress(console, command: "apply")
        let store = try store.open(readOnly: false)
        progress.mark("open the store")
        let outcome = try deployment.run(on: store, phase: progress.mark, tookOver: { taken in
            console.error("orgtree: took over the store's \(taken.lock): \(taken.reason) (recorded in the audit log)\n")
        }, replanning: { stale in
            console.error("orgtree: another apply brought the store to revision \(stale.current) while this one waited; planning again against it\n")
        }, waiting: { lock in
            console.error("orgtree: waiting for the store's \(lock)\n")
        })
        switch outcome {
        case .invalid(let report):
            console.error(DiagnosticTextRendering.render(report, palette: .plain))
            console.error("orgtree: refused: \(tree.tree) does not validate; nothing was written\n")
            throw ExitCode(1)
        case .refused(let reason):
            console.error("orgtree: refused: \(reason); nothing was written\n")
            throw ExitCode(1)
        case .unsafe(let refusals):
            for refusal in refusals { console.error("orgtree: \(refusal)\n") }
            console.error("orgtree: nothing was written\n")
            throw ExitCode(1)
        case .upToDate(let revision, let effectiveRowsRead):
            console.line(StoreTextRendering.upToDate(store: store.url, revision: revision, effectiveRowsRead: effectiveRowsRead))
        case .applied(let applied):
            console.line(StoreTextRendering.outcome(applied, store: store.url, secretsOut: secretsOut))
        }
    }
}
