/// A partner-agency grant whose four steps do not all hold.
public struct PartnerHandshakeIncompleteRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .partnerHandshakeIncomplete,
        summary: "A step of the partner handshake is written but another is missing, so it grants nothing: a role for an agency person who is not activated, an activation without a role, a project enabling an agency that is not active.",
        rationale: "An agency person gets access only when the relation is active, the project enables the agency, the agency's owner activates the person and the project sets their role. A warning: the tree stays valid while the handshake is in progress.",
        triggering: [
            RuleExample(["partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [↓gus]\n",
                         "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Ray\nemail: gus@pixel.example\ntfa: {method: app}\n",
                         "partners/pixel/people/ivo.yaml": "firstName: Ivo\nlastName: Berg\nemail: ivo@pixel.example\ntfa: {method: app}\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\npartners:\n  pixel:\n    enabled: true\n    people:\n      pixel/ivo: ↓editor\n"]),
            RuleExample(["partners/birch/partner.yaml": "name: Birch\nstatus: pending\nowner: wren\n",
                         "partners/birch/people/wren.yaml": "firstName: Wren\nlastName: Hale\nemail: wren@birch.example\ntfa: {method: app}\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\npartners:\n  birch:\n    enabled: ↓true\n"]),
        ],
        nonTriggering: [
            RuleExample(["partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [gus]\n",
                         "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Ray\nemail: gus@pixel.example\ntfa: {method: app}\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\npartners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: reader\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let tree = context.tree
        var out: [Diagnostic] = []
        func warn(_ message: String, _ location: SourceLocation) {
            out.append(Diagnostic(.partnerHandshakeIncomplete, message, at: location))
        }
        var activated: [String: [String: Set<String>]] = [:]
        for id in tree.partnerIDs {
            for (project, people) in tree.partners[id]!.activations {
                activated[id, default: [:]][project.value, default: []].formUnion(people.map(\.value))
            }
        }
        for projectID in tree.projectIDs {
            for access in tree.projects[projectID]!.partners {
                let agency = access.agency.value
                guard let partner = tree.partners[agency], let status = partner.status?.value else { continue }
                let enabled = access.enabled?.value == true
                if enabled, status != .active {
                    warn("\(projectID) enables agency \(agency), whose relation is \(status.rawValue); nobody from \(agency) gets access until it is active", access.enabled!.location)
                }
                for (subject, role) in access.people where role.value != .owner {
                    guard case .agencyPerson(_, let person)? = Subject(subject.value),
                          tree.agencyPeople[agency]?[person] != nil else { continue }
                    var missing: [String] = []
                    if status != .active { missing.append("agency \(agency) is \(status.rawValue)") }
                    if !enabled { missing.append("\(projectID) has not enabled \(agency) (enabled: true)") }
                    if activated[agency]?[projectID]?.contains(person) != true {
                        missing.append("\(agency)'s owner has not activated \(person) on \(projectID) (partners/\(agency)/partner.yaml activations)")
                    }
                    if !missing.isEmpty, status == .active || !enabled || missing.count > 1 {
                        warn("\(subject.value) gets no access to \(projectID) yet: \(missing.joined(separator: "; "))", role.location)
                    }
                }
            }
        }
        for agency in tree.partnerIDs {
            let partner = tree.partners[agency]!
            guard partner.status?.value == .active else { continue }
            for (project, people) in partner.activations {
                guard let doc = tree.projects[project.value] else { continue }
                let access = doc.partners.first { $0.agency.value == agency }
                for person in people where tree.agencyPeople[agency]?[person.value] != nil {
                    let hasRole = access?.people.contains { $0.subject.value == "\(agency)/\(person.value)" } ?? false
                    if !hasRole {
                        warn("\(agency)/\(person.value) is activated on \(project.value), but \(project.value) sets no role for them under partners.\(agency).people, so they get no access", person.location)
                    }
                }
            }
        }
        return out
    }
}
