/// Input refused to protect the reader.
public struct UnsafeYAMLRule: Rule {
    public static let description = RuleDescription(
        name: .unsafeYAML,
        summary: "A file uses anchors or aliases, nests deeper than 32 levels, is larger than 4 MiB, is not UTF-8, or is a link leading out of the tree.",
        rationale: "Configuration needs none of these, and each is a way to make a reader hang, exhaust memory or read outside the tree.",
        triggering: [
            RuleExample(["teams/core.yaml": "name: Core\nmembers: ↓&all [ann, bob]\n"]),
            RuleExample(["teams/core.yaml": "name: Core\nmembers: [ann]\nincludes: ↓*all\n"]),
            RuleExample(["teams/core.yaml": "name: Core\nmembers: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[↓[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"]),
        ],
        nonTriggering: [
            RuleExample(["teams/core.yaml": "name: Core\nmembers: [ann, bob]\n"]),
        ])
}
