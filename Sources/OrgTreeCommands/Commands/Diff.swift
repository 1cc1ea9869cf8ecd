import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit

extension DiffFormat: ExpressibleByArgument {}

struct Diff: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changes between two trees: effective access, entities, risk and approvals.",
        discussion: """
            OLD and NEW are each a folder or REV:PATH in the Git repository of the current \
            directory (REV: alone is the repository root). Revisions are read from Git's \
            objects; the work tree and the index are not touched. NEW must validate; a NEW \
            whose only errors are failing assertions is compared anyway, the failing \
            assertions shown first, so that reviewers see what the change does.

            Reported, sorted: who gains or loses org roles and permissions, project roles, \
            template lists, list permissions (handover, analytics.facebook) and token scopes, \
            each with the file:line chain of the new grant (in NEW) or of the lost one (in \
            OLD); people, teams, projects, agencies and tokens added, removed or changed (a \
            person whose file moved but whose e-mail stayed is a rename); plan, billing and \
            default-role changes. Each change has a risk (high, medium, low) and the role \
            that must approve it.

            Examples:
              orgtree diff old-org new-org
              orgtree diff origin/main:org HEAD:org
              orgtree diff origin/main: HEAD: --format markdown > diff.md
              orgtree diff main:. HEAD:. --actor chloe      # what chloe may not do alone
              orgtree diff main:. HEAD:. --approved-by ann,kim@lumenlabs.example

            Exit codes: 0 no change, 1 changes, 2 usage or I/O trouble, or NEW not valid \
            (also when only its assertions fail). With --approved-by: 0 when the approvers \
            may approve every change, 1 when some change is not approved, 2 as above.
            """
    )

    @Argument(help: "The tree before: a folder or REV:PATH.")
    var old: String

    @Argument(help: "The tree after: a folder or REV:PATH.")
    var new: String

    @OptionGroup var output: FormatOption<DiffFormat>

    @Option(help: "Mark the changes this person (of OLD) may not make alone, and list them first.")
    var actor: String?

    @Option(name: .customLong("approved-by"), help: ArgumentHelp(
        "The people who approved the change (ids or e-mails, comma-separated): list each change none of them may approve; exit 1 if any.",
        valueName: "ids"))
    var approvedBy: [String] = []

    @OptionGroup var day: DayOption

    @OptionGroup var expiry: ExpiryWarningOption

    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let day = try day.day()
        let actor = try actor.map { try TreeLookup.personLike($0, option: "--actor") }
        let (oldSource, newSource) = (TreeSource(old), TreeSource(new))
        let approvers = approvedBy.isEmpty ? nil
            : approvedBy.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch try TreeComparison.run(old: oldSource, new: newSource, day: day, actor: actor, approvedBy: approvers,
                                      validator: expiry.validator) {
        case .newInvalid(let report):
            console.out(DiffRendering.newInvalid(report, new: newSource.description, as: output.format,
                                                 palette: output.format == .text ? console.palette : .plain))
            console.error("orgtree: error: NEW (\(newSource)) does not validate: \(counted(report.errorCount, "error")); no diff computed\n")
            throw ExitCode(2)
        case .compared(let diff, let oldErrors, let failing):
            if oldErrors > 0 {
                console.error("orgtree: warning: OLD (\(oldSource)) has \(counted(oldErrors, "reading error")); compared as it stands\n")
            }
            let header = DiffHeader(old: oldSource.description, new: newSource.description, day: day)
            DiffRendering.render(diff, header, as: output.format, palette: output.format == .text ? console.palette : .plain,
                                 failingAssertions: failing, emit: console.out)
            if !failing.isEmpty {
                console.error("orgtree: error: NEW (\(newSource)) fails \(counted(failing.count, "assertion")); its access changes are shown for review\n")
                throw ExitCode(2)
            }
            if let approval = diff.approval {
                let unapproved = diff.summary.unapproved
                if unapproved > 0 {
                    console.error("orgtree: error: \(counted(unapproved, "change")) not approved by \(approval.names.isEmpty ? "anyone" : approval.names)\n")
                    throw ExitCode(1)
                }
            } else if !diff.isEmpty {
                throw ExitCode(1)
            }
        }
    }
}
