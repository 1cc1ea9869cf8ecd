/// `agencies`: a partner agency (`partners/ID/partner.yaml` without its activations).
public struct AgencyRow: Sendable, Hashable {
    public var id: String
    public var name: String
    public var status: String
    public var owner: String
}

extension AgencyRow: StoreRow {
    public static let table = StoreTable("agencies", ["id", "name", "status", "owner"], key: 1)

    public var key: String { id }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: id
        case 1: name
        case 2: status
        case 3: owner
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(id: c[0], name: c[1], status: c[2], owner: c[3])
    }
}

/// `agency_people`: a person of an agency (`partners/AGENCY/people/ID.yaml`).
public struct AgencyPersonRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var agency: String
        public var id: String
    }

    public var agency: String
    public var id: String
    public var profile: PersonProfile

    public var subject: Subject { .agencyPerson(agency: agency, person: id) }
}

extension AgencyPersonRow: StoreRow {
    public static let table = StoreTable("agency_people", ["agency", "id"] + PersonProfile.columns, key: 2)

    public var key: Key { Key(agency: agency, id: id) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: return agency
        case 1: return id
        default:
            guard let column = profile.column(index - 2) else { Self.noColumn(index) }
            return column
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(agency: c[0], id: c[1], profile: PersonProfile(c, from: 2))
    }
}

/// `project_partners`: an agency in a project's `partners`.
public struct ProjectPartnerRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var project: String
        public var agency: String
    }

    public var project: String
    public var agency: String
    /// `true`, `false` or empty.
    public var enabled: String
}

extension ProjectPartnerRow: ProjectScopedRow {
    public static let table = StoreTable("project_partners", ["project", "agency", "enabled"], key: 2)

    public var key: Key { Key(project: project, agency: agency) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: agency
        case 2: enabled
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], agency: c[1], enabled: c[2])
    }
}

/// `activations`: an agency person the agency activated on a project.
public struct ActivationRow: Sendable, Hashable {
    public var agency: String
    public var project: String
    public var person: String

    public var subject: Subject { .agencyPerson(agency: agency, person: person) }
}

extension ActivationRow {
    /// The activation of an agency person on a project; nil for another kind of subject.
    init?(_ subject: Subject, on project: String) {
        guard case .agencyPerson(let agency, let person) = subject else { return nil }
        self.init(agency: agency, project: project, person: person)
    }
}

extension ActivationRow: StoreRow {
    public static let table = StoreTable("activations", ["agency", "project", "person"], key: 3)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: agency
        case 1: project
        case 2: person
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(agency: c[0], project: c[1], person: c[2])
    }
}

/// `agency_roles`: an agency person's role in a project's `partners.AGENCY.people`.
public struct AgencyRoleRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var project: String
        public var subject: String
    }

    public var project: String
    /// `agency/person`.
    public var subject: String
    public var role: String
}

extension AgencyRoleRow: ProjectScopedRow {
    public static let table = StoreTable("agency_roles", ["project", "subject", "role"], key: 2)

    public var key: Key { Key(project: project, subject: subject) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: subject
        case 2: role
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], subject: c[1], role: c[2])
    }
}
