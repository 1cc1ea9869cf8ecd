import OrgTreeCore

/// `orgtree rules`: the list of rules, or one rule with its rationale and examples.
public enum RuleRendering {
    /// One line per rule: name, severity, summary, in columns.
    public static func list(_ rules: [RuleDescription]) -> String {
        let width = rules.map(\.name.rawValue.count).max() ?? 0
        return rules.map { rule in
            pad(rule.name.rawValue, width) + "  " + pad(rule.severity.rawValue, 7) + "  " + rule.summary + "\n"
        }.joined()
    }

    /// A rule's name, severity, summary and rationale, then each example's files.
    public static func describe(_ rule: RuleDescription) -> String {
        var out = "\(rule.name.rawValue) (\(rule.severity.rawValue))\n\n\(rule.summary)\n\n\(rule.rationale)\n"
        for (title, examples) in [("Triggers", rule.triggering), ("Does not trigger", rule.nonTriggering)] {
            for example in examples {
                out += "\n\(title):\n"
                for path in example.files.keys.sorted() {
                    out += "  # \(path)\n"
                    for line in example.files[path]!.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                        out += "  \(line)\n"
                    }
                }
            }
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
