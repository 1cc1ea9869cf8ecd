import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Explain: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a subject holds a permission or scope, or why not.",
        usage: "orgtree explain [TREE] SUBJECT PERMISSION [--on PROJECT] [<options>]",
        discussion: """
            TREE is the tree folder (default: the current folder), SUBJECT a person (ann), an \
            agency person (pixel/gus) or a token (token:shop/ci-deploy), PERMISSION a \
            permission (content.write, billing.manage) or a token scope (content:write).

            Prints every chain of file:line steps that grants the permission, or the step \
            that is missing (a role too low, an explicit none, a partner handshake step, a \
            token owner without tokens.manage, an expired token). A token holds its scopes \
            in its own environment only (--env asks about another one); people's project \
            access holds in every environment of the project.

            Examples:
              orgtree explain sample-org kai content.write --on helpdesk
              orgtree explain sample-org pixel/hana content.write --on helpdesk
              orgtree explain sample-org token:shop/ci-deploy content:write
              orgtree explain sample-org token:shop/ci-deploy content:write --env staging
              orgtree explain sample-org chloe billing.manage

            Exit codes: 0 granted, 1 not granted, 2 usage or I/O trouble.
            """
    )

    // Shown (not hidden) so that the shells' completion scripts complete it.
    @Argument(help: ArgumentHelp("[TREE] SUBJECT PERMISSION: the tree folder (default: the current folder), a subject, a permission.",
                                 valueName: "operands"),
              completion: TreeCompletions.operands(of: "explain", [.subject, .permission]))
    var arguments: [String] = []

    @Option(help: ArgumentHelp("The project (for project permissions; for a token, its own project by default).", valueName: "project"), completion: TreeCompletions.projects(of: "explain"))
    var on: String?

    @Option(help: ArgumentHelp("The environment asked about (tokens: their own only).", valueName: "environment"), completion: TreeCompletions.environments)
    var env: String?

    @OptionGroup var day: DayOption

    @OptionGroup var output: FormatOption<AccessFormat>

    @OptionGroup var color: ColorOption

    static let operands = ["SUBJECT", "PERMISSION"]

    func validate() throws {
        _ = try LeadingTreeArgument(arguments, operands: Self.operands)
    }

    func run(_ console: Console) throws {
        let positionals = try LeadingTreeArgument(arguments, operands: Self.operands)
        let (subjectText, permissionText) = (positionals.operands[0], positionals.operands[1])
        let day = try day.day()
        let capability = try TreeLookup.capability(permissionText)
        let result = try CheckedTree.forQuestions(positionals.tree, at: day, console: console).result
        let subject = try TreeLookup.subject(subjectText, in: result.tree)
        let project = try TreeLookup.project(on, in: result.tree, for: capability, of: subject)
        let environment = try TreeLookup.environment(env, for: capability, on: project ?? subject.tokenProject, in: result.tree)
        let evaluation = result.engine.evaluate(subject, capability, on: project, in: environment, at: day)
        if let problem = evaluation.problem { throw CommandFailure(message: problem) }
        let text = switch output.format {
        case .json: AccessJSONRendering.explainJSON(subject: subject, capability: capability, on: project, day: day, evaluation: evaluation)
        case .text: AccessTextRendering.explainText(subject: subject, capability: capability, on: project, evaluation: evaluation, palette: console.palette)
        }
        console.out(text)
        if !evaluation.granted { throw ExitCode(1) }
    }
}
