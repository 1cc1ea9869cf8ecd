import ArgumentParser
import OrgTreeKit

extension DiagnosticFormat: ExpressibleByArgument {}

struct Validate: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a tree against every rule, assertions included.",
        discussion: """
            Prints every problem of the tree at once, sorted by file, line and column, as \
            FILE:LINE:COL: error|warning: MESSAGE [rule], paths relative to the tree.

            Examples:
              orgtree validate sample-org
              orgtree validate --format github .   # annotations in a GitHub Actions job
              orgtree validate --format sarif . > orgtree.sarif
              orgtree validate --format junit . > orgtree-junit.xml   # CI test report
              orgtree validate --at 2027-01-01 .   # as if it were that day (token expiry)

            Exit codes: 0 valid (warnings allowed), 1 errors, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var tree: TreeArgument

    @OptionGroup var output: FormatOption<DiagnosticFormat>

    @OptionGroup var day: DayOption

    @OptionGroup var expiry: ExpiryWarningOption

    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let checked = try CheckedTree.read(folder: tree.tree, at: try day.day(), validator: expiry.validator)
        console.keepUntilExit(checked)
        console.out(DiagnosticRendering.render(checked.report, as: output.format, palette: output.format == .text ? console.palette : .plain))
        if !checked.isValid { throw ExitCode(1) }
    }
}
