import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit
import OrgTreeState

struct Plan: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what apply would change in a state store, without writing to it.",
        discussion: """
            Opens the store read-only (SQLite read-only mode; a PostgreSQL read-only \
            transaction). Changes made in the store outside orgtree (drift) are listed apart \
            from the tree's unapplied changes. --out writes a plan file bound to the store's \
            revision and the tree's digest, for `apply --plan`.

            Examples:
              orgtree plan sample-org --state sqlite:state.db
              orgtree plan . --state postgres://ci@db.internal:5432/access --out plan.json

            Exit codes: 0 no changes, 1 changes, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var tree: TreeArgument
    @OptionGroup var store: StoreOption
    @Option(help: "Write the plan to this file (JSON) for `apply --plan`.") var out: String?
    @Flag(help: "Recompute every subject's effective rows and compare them with the rows the store holds (restores rows changed outside orgtree).") var recomputeAll = false
    @OptionGroup var output: FormatOption<DiffFormat>
    @Option(help: "Mark the changes this person may not make alone (as `diff --actor` and `apply --actor` judge them).") var actor: String?
    @OptionGroup var day: DayOption
    @OptionGroup var expiry: ExpiryWarningOption
    @OptionGroup var quiet: ProgressOption
    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let day = try day.day()
        let progress = quiet.progress(console, command: "plan")
        let store = try store.open(readOnly: true)
        progress.mark("open the store")
        // JSON (shown, or written to --out) lists every project's chains; text and
        // markdown show those of the first few projects of a change.
        let provenance: DiffProvenanceScope = output.format == .json || out != nil ? .everyProject : .firstProjects(DiffWording.projectsShown)
        let plan: DeploymentPlan
        do {
            plan = try DeploymentPlan.make(tree: tree.tree, store: store, day: day, recomputeAll: recomputeAll,
                                           actor: try actor.map { try TreeLookup.personLike($0, option: "--actor") }, provenance: provenance,
                                           validator: expiry.validator, phase: progress.mark)
        } catch let invalid as DeploymentPlanning.InvalidTree {
            console.error(DiagnosticTextRendering.render(invalid.report, palette: .plain))
            console.error("orgtree: refused: \(tree.tree) does not validate; nothing was written\n")
            throw ExitCode(2)
        }
        let report = DeploymentPlanReport(plan)
        switch output.format {
        case .text: PlanTextRendering.render(report, palette: console.palette, emit: console.out)
        case .markdown: console.out(PlanMarkdownRendering.render(report))
        case .json: console.out(PlanJSONRendering.render(report))
        }
        if let out {
            do {
                try PlanJSONRendering.render(report).write(toFile: out, atomically: false, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "cannot write the plan file \(out): \(error)")
            }
        }
        if plan.hasChanges { throw ExitCode(1) }
    }
}
