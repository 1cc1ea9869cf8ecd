/// A required key (or a required file) is missing.
public struct MissingKeyRule: Rule {
    public static let description = RuleDescription(
        name: .missingKey,
        summary: "A required key is missing, or a required file (organization.yaml, a project's project.yaml, an agency's partner.yaml) is absent.",
        rationale: "Every person needs a name, an e-mail and a two-factor method; every token an owner, environment, scopes and expiry; a plan its number of projects unless under an enterprise agreement.",
        triggering: [
            RuleExample(["people/bob.yaml": "↓firstName: Bob\nlastName: Stone\ntfa: {method: app}\n"]),
            RuleExample(["projects/web/tokens.yaml": "↓tokens: {}\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  ↓name: growth\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: enterprise\n  agreement: enterprise\nroles:\n  owners: [ann]\n"]),
        ])
}
