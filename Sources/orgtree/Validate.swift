import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit

extension DiagnosticFormat: ExpressibleByArgument {}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a tree against every rule and run its assertions.",
        discussion: """
            Prints every problem of the tree at once, sorted by file, line and column, as
            FILE:LINE:COL: error|warning: MESSAGE [rule], paths relative to the tree.

            Examples:
              orgtree validate sample-org
              orgtree validate --format github .        # annotations in a GitHub Actions job
              orgtree validate --format sarif . > orgtree.sarif
              orgtree validate --at 2027-01-01 .        # as if it were that day (token expiry)

            Exit codes: 0 valid (warnings allowed), 1 errors, 2 usage or I/O trouble.
            """
    )

    @Argument(help: "The tree folder.")
    var tree: String = "."

    @Option(help: "Output format: text, json, github (workflow annotations) or sarif.")
    var format: DiagnosticFormat = .text

    @Option(help: "Evaluate token expiry and assertions on this day (YYYY-MM-DD). Default: today.")
    var at: String?

    func run() throws {
        let day = try CommandDay.parse(at)
        let loaded: LoadedTree
        do {
            loaded = try TreeReader().read(tree)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
        let report = ValidationReport(root: tree, diagnostics: result.diagnostics, sources: loaded.sources,
                                      counts: TreeCounts(loaded.tree))
        let palette = format == .text ? Palette.forStandardOutput() : .plain
        FileHandle.standardOutput.write(Data(DiagnosticRendering.render(report, as: format, palette: palette).utf8))
        if !result.isValid { throw ExitCode(1) }
    }
}

enum CommandDay {
    /// `--at DATE`, or today in the local time zone.
    static func parse(_ text: String?) throws -> Day {
        if let text {
            guard let day = Day(text) else {
                throw CommandFailure(message: "--at takes a day as YYYY-MM-DD, not '\(text)'")
            }
            return day
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
