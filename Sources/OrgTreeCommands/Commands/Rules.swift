import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Rules: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the rules, or describe one with its examples.",
        discussion: """
            Examples:
              orgtree rules
              orgtree rules team-cycle
            """
    )

    @Argument(help: "A rule name, e.g. team-cycle.")
    var name: String?

    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        guard let name else { return console.out(RuleRendering.list(RuleRegistry.descriptions)) }
        guard let rule = RuleName(rawValue: name).flatMap(RuleRegistry.description(of:)) else {
            throw CommandFailure(message: "no rule named '\(name)'" + Suggestion.didYouMean(
                name, among: RuleName.allCases.map(\.rawValue), otherwise: "; `orgtree rules` lists them"))
        }
        console.out(RuleRendering.describe(rule))
    }
}
