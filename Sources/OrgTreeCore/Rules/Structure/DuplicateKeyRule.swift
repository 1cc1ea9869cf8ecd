/// A key is written twice in one map (or an entry twice in one list of ids).
public struct DuplicateKeyRule: Rule {
    public static let description = RuleDescription(
        name: .duplicateKey,
        summary: "A map has the same key twice, or a list of ids names the same one twice.",
        rationale: "YAML parsers disagree on which value wins; orgtree reports the second occurrence and keeps the first.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\n↓firstName: Robert\nemail: bob@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production, ↓production]\naccess:\n  people:\n    bob: reader\n    ↓bob: editor\n"]),
            RuleExample(["teams/support.yaml": "name: Support\nmembers: [ann, bob, ↓ann, ↓bob]\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [staging, production]\naccess:\n  people:\n    bob: reader\n"]),
        ])
}
