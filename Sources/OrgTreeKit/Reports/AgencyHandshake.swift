import OrgTreeCore

/// The partner handshake of one agency on one project (docs/access-model.md §5): the
/// agency's relation and the project's toggle, then for each agency person the project
/// names or the agency activated there, the activation, the role and what comes of them.
public struct AgencyHandshake: Sendable {
    public struct Person: Sendable {
        public var subject: Subject
        /// Step 3: where the agency's owner activates the person on the project.
        public var activation: SourceLocation?
        /// Step 4: the role the project sets, where.
        public var role: Located<ProjectRole>?
        /// The role the person ends up with; nil: no access.
        public var result: EffectiveRole?
    }

    public var agency: String
    public var name: String?
    /// Step 1: the relation's status in partner.yaml; nil when the agency has none.
    public var status: Located<PartnerStatus>?
    public var partnerFile: String
    /// Step 2: the project's `partners.<agency>.enabled`.
    public var enabled: Located<Bool>?
    public var people: [Person]

    public var isActive: Bool { status?.value == .active }
    public var isEnabled: Bool { enabled?.value == true }

    /// Every agency the project names or that activated someone on it, sorted.
    static func all(on project: ProjectDocument, in engine: AccessEngine) -> [AgencyHandshake] {
        let tree = engine.tree
        var agencies = Set(project.partners.map(\.agency.value))
        for (agency, partner) in tree.partners where partner.activations.contains(where: { $0.project.value == project.id }) {
            agencies.insert(agency)
        }
        return agencies.sorted().map { agency in
            let partner = tree.partners[agency]
            let access = project.partners.first { $0.agency.value == agency }
            var activations: [String: SourceLocation] = [:]
            for entry in partner?.activations ?? [] where entry.project.value == project.id {
                for person in entry.people where activations[person.value] == nil { activations[person.value] = person.location }
            }
            var roles: [String: Located<ProjectRole>] = [:]
            for (subject, role) in access?.people ?? [] where roles[subject.value] == nil { roles[subject.value] = role }
            var people = Set(activations.keys.map { "\(agency)/\($0)" })
            people.formUnion(roles.keys)
            let persons = people.compactMap(Subject.init).sorted().compactMap { subject -> Person? in
                guard case .agencyPerson(_, let id) = subject else { return nil }
                return Person(subject: subject, activation: activations[id], role: roles[subject.description],
                              result: engine.roleOnly(of: subject, on: project.id)?.role)
            }
            return AgencyHandshake(agency: agency, name: partner?.name?.value, status: partner?.status,
                                   partnerFile: partner?.file ?? "partners/\(agency)/partner.yaml", enabled: access?.enabled,
                                   people: persons)
        }
    }
}
