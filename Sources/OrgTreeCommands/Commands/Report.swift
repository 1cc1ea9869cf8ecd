import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Report: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a static HTML site about the tree: overview, access matrix, subject and project pages.",
        discussion: """
            The site reads from file:// with no network: index.html (the organization, its \
            plan and usage, owners and admins, every error and warning with its file:line, \
            each assertion's outcome), the access matrix (subjects with the same access in \
            one row, pages of 25 projects, a filter), a page per subject (every chain that \
            gives its access, and why not) and per project (who holds which role and why, \
            each agency's handshake, the tokens). A tree with errors is reported too.

            --out must be absent, empty, or hold a report written before (its .orgtree-report \
            file lists the pages): those pages are replaced, nothing else is touched.

            Examples:
              orgtree report sample-org --out /tmp/lumen-report
              orgtree report . --out site --at 2027-01-01

            Exit codes: 0 written, 1 written for a tree with errors, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var tree: TreeArgument

    @Option(help: ArgumentHelp("The folder to write: absent, empty or holding an earlier report.", valueName: "dir"))
    var out: String

    @OptionGroup var day: DayOption

    @OptionGroup var expiry: ExpiryWarningOption

    @OptionGroup var quiet: ProgressOption

    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let day = try day.day()
        let progress = quiet.progress(console, command: "report")
        let checked = try CheckedTree.read(folder: tree.tree, at: day, validator: expiry.validator)
        console.keepUntilExit(checked)
        progress.mark("check the tree")
        let report = AccessReport(checked, day: day)
        progress.mark(WorkStep("compute the access matrix", rows: report.subjects.count))
        let written = try ReportFolder.write(report, into: out) {
            if $0 % 500 == 0 { progress.mark(WorkStep("write the pages", files: $0, underWay: true)) }
        }
        progress.mark(WorkStep("write the pages", files: written))
        let o = report.overview
        let state = o.isValid ? "valid" : "not valid: \(counted(o.errorCount, "error")), \(counted(o.warningCount, "warning"))"
        console.line("wrote \(counted(written, "page")) to \(out) (\(tree.tree) is \(state)); open \(out)/index.html")
        if !o.isValid { throw ExitCode(1) }
    }
}
