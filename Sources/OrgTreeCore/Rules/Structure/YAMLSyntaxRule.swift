/// The file is not well-formed YAML.
public struct YAMLSyntaxRule: Rule {
    public static let description = RuleDescription(
        name: .yamlSyntax,
        summary: "A file is not well-formed YAML, or holds more than one document.",
        rationale: "Nothing else in a file can be checked until it parses; the position is where the parser gave up.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: [Stone\nemail↓: bob@acme.example\n"]),
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n↓---\nfirstName: Bo\n"]),
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa:\n↓\tmethod: app\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "# Bob\nfirstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]),
        ])
}
