import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Effective: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show effective permissions and token scopes, with where each comes from.",
        discussion: """
            For each subject (people, agency people, tokens; sorted): the org role and
            permissions, every project where the subject has access of its own with the
            chain of file:line steps that gives it, and the role it holds on all other
            projects (as org owner/admin or by default), grouped.

            Examples:
              orgtree effective sample-org
              orgtree effective sample-org --person kai
              orgtree effective sample-org --subject pixel/gus --project helpdesk
              orgtree effective sample-org --subject token:shop/ci-deploy --format json

            Exit codes: 0 shown, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var tree: TreeArgument

    @Option(help: "Only this person of the organization.")
    var person: String?

    @Option(help: "Only this subject: ann, pixel/gus or token:shop/ci-deploy.")
    var subject: String?

    @Option(help: "Only this project.")
    var project: String?

    @OptionGroup var day: DayOption

    @Option(help: "Output format: text or json.")
    var format: AccessFormat = .text

    func validate() throws {
        if person != nil && subject != nil { throw ValidationError("give --person or --subject, not both") }
    }

    func run(_ console: Console) throws {
        let day = try day.day()
        let result = try CheckedTree.forQuestions(tree.tree, at: day, console: console).result
        let projectID = try TreeLookup.project(project, in: result.tree)
        let subjects: [Subject]
        if let text = person ?? subject {
            let s = try TreeLookup.subject(text, in: result.tree)
            if person != nil, case .person = s {} else if person != nil {
                throw CommandFailure(message: "--person takes a person of the organization; use --subject for \(text)")
            }
            subjects = [s]
        } else {
            subjects = result.tree.subjects
        }
        let matrix = AccessMatrix(engine: result.engine)
        let palette = format == .text ? console.palette : .plain
        let access: (Subject) -> SubjectAccess = { subject in
            if let projectID { return matrix.access(of: subject, on: projectID, at: day) }
            return matrix.access(of: subject, at: day)
        }
        switch format {
        case .json:
            let defaults = Dictionary(uniqueKeysWithValues: result.tree.projectIDs.map { ($0, result.engine.defaultSetting(on: $0).setting.description) })
            AccessJSONRendering.effectiveJSON(subjects, day: day, projectDefaults: projectID == nil ? defaults : [:], access: access, emit: console.out)
        case .text:
            var shown = 0
            for subject in subjects {
                let a = access(subject)
                if projectID != nil, subjects.count > 1, a.projects.isEmpty, a.token == nil { continue }
                console.out((shown == 0 ? "" : "\n") + AccessTextRendering.effectiveText(a, palette: palette))
                shown += 1
            }
            if shown == 0 { console.out("nobody has access to \(projectID ?? "any project")\n") }
        }
    }
}
