/// An agency person given org-level access or project ownership.
public struct PartnerNotAllowedRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .partnerNotAllowed,
        summary: "An agency person is given an org role or permission, put in a team or a project's access.people/templates, or made a project owner.",
        rationale: "Agency people never see the organization's account and are never project owners; they get project access only through the four-step partner handshake (partners.<agency>.people).",
        triggering: [
            RuleExample(["partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\n",
                         "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Ray\nemail: gus@pixel.example\ntfa: {method: app}\n",
                         "organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 2\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\npermissions:\n  billing.read: [↓pixel/gus]\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\npartners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: ↓owner\n"]),
        ],
        nonTriggering: [
            RuleExample(["partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [gus]\n",
                         "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Ray\nemail: gus@pixel.example\ntfa: {method: app}\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\npartners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: editor\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func flag(_ ref: Located<String>, _ place: String) {
            guard case .agencyPerson? = Subject(ref.value) else { return }
            out.append(Diagnostic(.partnerNotAllowed, "\(ref.value) is an agency person and cannot stand in \(place); agency people get project access only through the project's partners section", at: ref.location))
        }
        if let org = context.tree.organization {
            org.owners.forEach { flag($0, "roles.owners") }
            org.admins.forEach { flag($0, "roles.admins") }
            if let creator = org.createdBy { flag(creator, "createdBy") }
            for (permission, people) in org.permissions {
                people.forEach { flag($0, "permissions.\(permission.value.rawValue) (agency people hold no org permission)") }
            }
        }
        for id in context.tree.teamIDs {
            context.tree.teams[id]!.members.forEach { flag($0, "team \(id)") }
        }
        for id in context.tree.projectIDs {
            let project = context.tree.projects[id]!
            project.people.forEach { flag($0.person, "access.people") }
            project.templates.forEach { flag($0.person, "access.templates") }
            for partner in project.partners {
                for (subject, role) in partner.people where role.value == .owner {
                    out.append(Diagnostic(.partnerNotAllowed, "\(subject.value) is an agency person and cannot be a project owner; use editor or reader", at: role.location))
                }
            }
        }
        return out
    }
}
