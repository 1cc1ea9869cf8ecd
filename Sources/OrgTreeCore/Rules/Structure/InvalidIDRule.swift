/// A file name, folder name or reference that is not a valid id.
public struct InvalidIDRule: Rule {
    public static let description = RuleDescription(
        name: .invalidID,
        summary: "An id (file or folder name, map key or reference) does not match ^[a-z0-9][a-z0-9-]{0,62}$.",
        rationale: "Ids appear in paths, subjects (pixel/gus, token:shop/ci) and the state store; keeping them plain keeps them unambiguous.",
        triggering: [
            RuleExample(["people/Bob.yaml": "↓firstName: Bob\nlastName: Stone\nemail: bob2@acme.example\ntfa: {method: app}\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  teams:\n    ↓Support_Team: reader\n"]),
            RuleExample(["partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [↓pixel/gus]\n",
                         "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Berg\nemail: gus@pixel.example\ntfa: {method: app}\n"]),
        ],
        nonTriggering: [
            RuleExample(["teams/support-2.yaml": "name: Support\nmembers: [bob]\n"]),
        ])
}
