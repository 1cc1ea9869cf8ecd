import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a subject holds a permission or scope, or why not.",
        discussion: """
            Usage: orgtree explain [TREE] SUBJECT PERMISSION [--on PROJECT]

            Prints every chain of file:line steps that grants the permission, or the step
            that is missing (a role too low, an explicit none, a partner handshake step, a
            token owner without tokens.manage, an expired token).

            Examples:
              orgtree explain sample-org kai content.write --on helpdesk
              orgtree explain sample-org pixel/hana content.write --on helpdesk
              orgtree explain sample-org token:shop/ci-deploy content:write
              orgtree explain sample-org chloe billing.manage

            Exit codes: 0 granted, 1 not granted, 2 usage or I/O trouble.
            """
    )

    @Argument(help: ArgumentHelp("[TREE] SUBJECT PERMISSION", valueName: "arguments"))
    var arguments: [String] = []

    @Option(help: "The project (for project permissions; for a token, its own project by default).")
    var on: String?

    @Option(help: "Evaluate on this day (YYYY-MM-DD). Default: today.")
    var at: String?

    @Option(help: "Output format: text or json.")
    var format: AccessFormat = .text

    static let operands = ["SUBJECT", "PERMISSION"]

    func validate() throws {
        _ = try LeadingTreeArgument(arguments, operands: Self.operands)
    }

    func run() throws {
        let positionals = try LeadingTreeArgument(arguments, operands: Self.operands)
        let tree = positionals.tree
        let (subjectText, permissionText) = (positionals.operands[0], positionals.operands[1])
        let day = try CommandDay.parse(at)
        let capability = try TreeLoading.capability(permissionText)
        let result = try TreeLoading.load(tree, at: day)
        let subject = try TreeLoading.subject(subjectText, in: result.tree)
        let project = try TreeLoading.project(on, in: result.tree)
        let evaluation = result.engine.evaluate(subject, capability, on: project, at: day)
        if let problem = evaluation.problem { throw CommandFailure(message: problem) }
        let text = switch format {
        case .json: AccessRendering.explainJSON(subject: subject, capability: capability, on: project, day: day, evaluation: evaluation)
        case .text: AccessRendering.explainText(subject: subject, capability: capability, on: project, evaluation: evaluation, palette: Palette.forStandardOutput())
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if !evaluation.granted { throw ExitCode(1) }
    }
}

struct WhoCan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List every subject holding a permission or scope, with its role and shortest chain.",
        discussion: """
            Usage: orgtree who-can [TREE] PERMISSION [--on PROJECT]

            Examples:
              orgtree who-can sample-org billing.manage
              orgtree who-can sample-org content.write --on helpdesk
              orgtree who-can sample-org events:write

            Without --on, a project permission is listed for every project.
            Exit codes: 0 listed (also when nobody holds it), 2 usage or I/O trouble.
            """
    )

    @Argument(help: ArgumentHelp("[TREE] PERMISSION", valueName: "arguments"))
    var arguments: [String] = []

    @Option(help: "The project.")
    var on: String?

    @Option(help: "Evaluate token expiry on this day (YYYY-MM-DD). Default: today.")
    var at: String?

    @Option(help: "Output format: text or json.")
    var format: AccessFormat = .text

    static let operands = ["PERMISSION"]

    func validate() throws {
        _ = try LeadingTreeArgument(arguments, operands: Self.operands)
    }

    func run() throws {
        let positionals = try LeadingTreeArgument(arguments, operands: Self.operands)
        let day = try CommandDay.parse(at)
        let capability = try TreeLoading.capability(positionals.operands[0])
        let result = try TreeLoading.load(positionals.tree, at: day)
        let project = try TreeLoading.project(on, in: result.tree)
        if case .org(let p) = capability, project != nil {
            throw CommandFailure(message: "\(p.rawValue) is an org permission; drop --on")
        }
        let holders = AccessMatrix(engine: result.engine).holders(of: capability, on: project, at: day)
        let text = switch format {
        case .json: AccessRendering.whoCanJSON(holders, capability: capability, on: project, day: day)
        case .text: AccessRendering.whoCanText(holders, capability: capability, on: project, palette: Palette.forStandardOutput())
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
