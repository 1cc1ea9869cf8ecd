import ArgumentParser
import OrgTreeCore

struct Rules: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the validation rules, or describe one with its examples.",
        discussion: """
            Examples:
              orgtree rules
              orgtree rules team-cycle
            """
    )

    @Argument(help: "A rule name, e.g. team-cycle.")
    var name: String?

    func run(_ console: Console) throws {
        let descriptions = RuleRegistry.descriptions
        guard let name else {
            let width = descriptions.map(\.name.rawValue.count).max() ?? 0
            for rule in descriptions {
                let padded = rule.name.rawValue + String(repeating: " ", count: width - rule.name.rawValue.count)
                console.line("\(padded)  \(rule.severity.rawValue.padding(7))  \(rule.summary)")
            }
            return
        }
        guard let rule = RuleName(rawValue: name).flatMap(RuleRegistry.description(of:)) else {
            throw CommandFailure(message: "no rule named '\(name)'; `orgtree rules` lists them")
        }
        console.line("\(rule.name.rawValue) (\(rule.severity.rawValue))\n\n\(rule.summary)\n\n\(rule.rationale)")
        for (title, examples) in [("Triggers", rule.triggering), ("Does not trigger", rule.nonTriggering)] {
            for example in examples {
                console.line("\n\(title):")
                for path in example.files.keys.sorted() {
                    console.line("  # \(path)")
                    for line in example.files[path]!.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                        console.line("  \(line)")
                    }
                }
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
