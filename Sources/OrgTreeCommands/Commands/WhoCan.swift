import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct WhoCan: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List every subject holding a permission or scope, with its role and shortest chain.",
        usage: "orgtree who-can [TREE] PERMISSION [--on PROJECT] [<options>]",
        discussion: """
            TREE is the tree folder (default: the current folder), PERMISSION a permission \
            (content.write, billing.manage) or a token scope (content:write). Without --on, a \
            project permission is listed for every project. A token scope is listed with \
            each token's environment, the only one where it holds it; --env keeps the \
            tokens of that environment.

            Examples:
              orgtree who-can sample-org billing.manage
              orgtree who-can sample-org content.write --on helpdesk
              orgtree who-can sample-org events:write
              orgtree who-can sample-org content:write --on shop --env production

            Exit codes: 0 listed (also when nobody holds it), 2 usage or I/O trouble.
            """
    )

    // Shown (not hidden) so that the shells' completion scripts complete it.
    @Argument(help: ArgumentHelp("[TREE] PERMISSION: the tree folder (default: the current folder), a permission.",
                                 valueName: "operands"),
              completion: TreeCompletions.operands(of: "who-can", [.permission]))
    var arguments: [String] = []

    @Option(help: ArgumentHelp("The project.", valueName: "project"), completion: TreeCompletions.projects(of: "who-can"))
    var on: String?

    @Option(help: ArgumentHelp("Keep the tokens bound to this environment.", valueName: "environment"), completion: TreeCompletions.environments)
    var env: String?

    @OptionGroup var day: DayOption

    @OptionGroup var output: FormatOption<AccessFormat>

    @OptionGroup var color: ColorOption

    static let operands = ["PERMISSION"]

    func validate() throws {
        _ = try LeadingTreeArgument(arguments, operands: Self.operands)
    }

    func run(_ console: Console) throws {
        let positionals = try LeadingTreeArgument(arguments, operands: Self.operands)
        let day = try day.day()
        let capability = try TreeLookup.capability(positionals.operands[0])
        let result = try CheckedTree.forQuestions(positionals.tree, at: day, console: console).result
        let project = try TreeLookup.project(on, in: result.tree)
        if case .org(let p) = capability, project != nil {
            throw CommandFailure(message: "\(p.rawValue) is an org permission; drop --on")
        }
        let environment = try TreeLookup.environment(env, for: capability, on: project, in: result.tree)
        let holders = result.engine.holders(of: capability, on: project, in: environment, at: day)
        let text = switch output.format {
        case .json: AccessJSONRendering.whoCanJSON(holders, capability: capability, on: project, environment: environment, day: day)
        case .text: AccessTextRendering.whoCanText(holders, capability: capability, on: project, environment: environment, palette: console.palette)
        }
        console.out(text)
    }
}
