/// A value outside its allowed set.
public struct InvalidValueRule: Rule {
    public static let description = RuleDescription(
        name: .invalidValue,
        summary: "A value is outside its allowed set: a role, TFA method, environment, scope, status, permission or date that does not exist.",
        rationale: "The message lists the allowed values and suggests the closest one.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: ↓email}\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [↓prod]\naccess:\n  people:\n    bob: ↓admin\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 2\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\npermissions:\n  ↓owners.invite: [bob]\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 2\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\npermissions:\n  ↓members.invite: [bob]\n  billing.read: [bob]\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    bob: none\n"]),
        ])
}
