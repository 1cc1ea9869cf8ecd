/// A key the file kind does not have, or a YAML file where the layout has no place.
public struct UnknownKeyRule: Rule {
    public static let description = RuleDescription(
        name: .unknownKey,
        summary: "A map has a key its file kind does not define, or a YAML file stands where the tree layout has no place for it.",
        rationale: "A misspelt key or misplaced file would otherwise be silently ignored; the message suggests the closest known key. Files go here:\n" + TreeLayout.summary,
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\n↓emial: bob@acme.example\nemail: bob@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["people/bob.yaml": "↓fristName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["people/bob.yml": "↓firstName: Bob\n"]),
            RuleExample(["projects/shop/access.yaml": "↓people: {}\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/README.md": "# People of Acme\n", "people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\njobTitle: Engineer\n"]),
        ])
}
