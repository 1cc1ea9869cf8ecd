import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Effective: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the effective permissions and token scopes, with where each comes from.",
        discussion: """
            For each subject (people, agency people, tokens; sorted): the org role and \
            permissions, every project where the subject has access of its own with the \
            chain of file:line steps that gives it, and the role it holds on all other \
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

    @Option(help: "Only this subject: a person (ann), an agency person (pixel/gus) or a token (token:shop/ci-deploy).")
    var subject: String?

    @Option(help: "Only this project.")
    var project: String?

    @OptionGroup var day: DayOption

    @OptionGroup var output: FormatOption<AccessFormat>

    @OptionGroup var color: ColorOption

    func validate() throws {
        if person != nil && subject != nil { throw ValidationError("give --person or --subject, not both") }
    }

    func run(_ console: Console) throws {
        let day = try day.day()
        let result = try CheckedTree.forQuestions(tree.tree, at: day, console: console).result
        let selection: EffectiveQuery.Selection = person.map { .person($0) } ?? subject.map { .subject($0) } ?? .everyone
        let query = try EffectiveQuery(result, selection: selection, project: project, day: day)
        switch output.format {
        case .json: AccessJSONRendering.effective(query, emit: console.out)
        case .text: AccessTextRendering.effective(query, palette: console.palette, emit: console.out)
        }
    }
}
