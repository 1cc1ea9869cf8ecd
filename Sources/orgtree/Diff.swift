import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit

extension DiffFormat: ExpressibleByArgument {}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changes between two trees: effective access, entities, risk and approvals.",
        discussion: """
            OLD and NEW are each a folder or REV:PATH in the Git repository of the current
            directory (REV: alone is the repository root). Revisions are read from Git's
            objects; the work tree and the index are not touched. NEW must validate.

            Reported, sorted: who gains or loses org roles and permissions, project roles,
            template lists, list permissions (handover, analytics.facebook) and token scopes,
            each with the file:line chain of the new grant (in NEW) or of the lost one (in
            OLD); people, teams, projects, agencies and tokens added, removed or changed (a
            person whose file moved but whose e-mail stayed is a rename); plan, billing and
            default-role changes. Each change has a risk (high, medium, low) and the role
            that must approve it.

            Examples:
              orgtree diff old-org new-org
              orgtree diff origin/main:org HEAD:org
              orgtree diff origin/main: HEAD: --format markdown > diff.md
              orgtree diff main:. HEAD:. --actor chloe      # what chloe may not do alone

            Exit codes: 0 no change, 1 changes, 2 usage or I/O trouble, or NEW not valid.
            """
    )

    @Argument(help: "The tree before: a folder or REV:PATH.")
    var old: String

    @Argument(help: "The tree after: a folder or REV:PATH.")
    var new: String

    @Option(help: "Output format: text, markdown (a pull-request comment) or json.")
    var format: DiffFormat = .text

    @Option(help: "Mark the changes this person (of OLD) may not make alone, and list them first.")
    var actor: String?

    @Option(help: "Evaluate token expiry and NEW's assertions on this day (YYYY-MM-DD). Default: today.")
    var at: String?

    func run() throws {
        let day = try CommandDay.parse(at)
        var actorSubject: Subject?
        if let actor {
            guard let subject = Subject(actor), subject.isPersonLike else {
                throw CommandFailure(message: "--actor takes a person (ann) or an agency person (pixel/gus), not '\(actor)'")
            }
            actorSubject = subject
        }
        let (oldSource, newSource) = (TreeSource(old), TreeSource(new))
        let outcome: TreeComparison.Outcome
        do {
            outcome = try TreeComparison.run(old: oldSource, new: newSource, day: day, actor: actorSubject)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let out = OutputStream()
        switch outcome {
        case .newInvalid(let report):
            switch format {
            case .text: out.write(DiagnosticRendering.render(report, as: .text, palette: Palette.forStandardOutput()))
            case .json: out.write(DiagnosticRendering.render(report, as: .json))
            case .markdown:
                out.write("\(DiffRendering.marker)\n## orgtree diff\n\n❌ **\(newSource) does not validate**; fix it before its access changes can be shown.\n\n```\n")
                out.write(DiagnosticRendering.render(report, as: .text))
                out.write("```\n")
            }
            out.flush()
            standardError("orgtree: error: NEW (\(newSource)) does not validate: \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"); no diff computed\n")
            throw ExitCode(2)
        case .compared(let diff, let oldErrors):
            if oldErrors > 0 {
                standardError("orgtree: warning: OLD (\(oldSource)) has \(oldErrors) reading error\(oldErrors == 1 ? "" : "s"); compared as it stands\n")
            }
            let header = DiffHeader(old: oldSource.description, new: newSource.description, day: day)
            let palette = format == .text ? Palette.forStandardOutput() : .plain
            DiffRendering.render(diff, header, as: format, palette: palette, emit: out.write)
            out.flush()
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }
}

