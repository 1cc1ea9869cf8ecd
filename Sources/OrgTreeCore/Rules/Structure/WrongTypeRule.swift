/// A value of the wrong type: a map for a list, text for a number, `yes` for a boolean.
public struct WrongTypeRule: Rule {
    public static let description = RuleDescription(
        name: .wrongType,
        summary: "A value has the wrong type for its field (booleans are true/false only; numbers are decimal digits; empty values are not accepted).",
        rationale: "Scalars are typed by their field, never by YAML 1.1 guessing, so `yes` is not a boolean and `012` not a number.",
        triggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: ↓012\nbilling:\n  paymentMethod: card\nroles:\n  owners: ↓ann\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nhandover:\n  slack: ↓yes\n  agents:↓\n"]),
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: ↓app\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/no.yaml": "firstName: no\nlastName: on\nemail: no@acme.example\ntfa: {method: app}\njobTitle: 1e3\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    no: reader\nhandover:\n  slack: false\n  agents: []\n"]),
        ])
}
