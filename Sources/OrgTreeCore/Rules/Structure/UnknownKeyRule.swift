/// A key the file kind does not have, or a YAML file where the layout has no place; while
/// reading a folder, also a name the tree cannot use (not UTF-8, a folder named like a
/// YAML file, a link to a folder read under its own name).
public struct UnknownKeyRule: Rule {
    public static let description = RuleDescription(
        name: .unknownKey,
        summary: "A map has a key its file kind does not define, or a YAML file stands where the tree layout has no place for it.",
        rationale: "A misspelt key or misplaced file would otherwise be silently ignored; the message suggests the closest known key or the name to use. Reading a folder reports the same way every name it cannot use: a file or folder whose name is not UTF-8 (shown with \\xFF escapes), a file ending in '.YAML' or '.yml' (rename it to '.yaml'), a folder named like a YAML file, and a link to a folder that is read under its own name (remove the link). Files go here:\n" + TreeLayout.summary,
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\n↓emial: bob@acme.example\nemail: bob@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["people/bob.yaml": "↓fristName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["people/bob.yml": "↓firstName: Bob\n"]),
            RuleExample(["people/Bob.YAML": "↓firstName: Bob\n"]),
            RuleExample(["projects/shop/access.yaml": "↓people: {}\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/README.md": "# People of Acme\n", "people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\njobTitle: Engineer\n"]),
        ])
}
