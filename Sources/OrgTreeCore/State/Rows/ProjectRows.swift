/// A row that belongs to one project: a member who owns the project may change it.
public protocol ProjectScopedRow: StoreRow {
    var project: String { get }
}

/// `projects`: a project (`projects/ID/project.yaml` without its lists).
public struct ProjectRow: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `access.default`: a role, `none`, or empty for the org's default.
    public var defaultRole: String
    /// `handover.slack`: `true`, `false` or empty.
    public var handoverSlack: String
}

extension ProjectRow: ProjectScopedRow {
    public static let table = StoreTable("projects", ["id", "name", "default_role", "handover_slack"], key: 1)

    public var key: String { id }
    public var project: String { id }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: id
        case 1: name
        case 2: defaultRole
        case 3: handoverSlack
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(id: c[0], name: c[1], defaultRole: c[2], handoverSlack: c[3])
    }
}

/// `project_environments`: an environment a project has.
public struct ProjectEnvironmentRow: Sendable, Hashable {
    public var project: String
    public var environment: String
}

extension ProjectEnvironmentRow: ProjectScopedRow {
    public static let table = StoreTable("project_environments", ["project", "environment"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: environment
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], environment: c[1])
    }
}

/// `declared_templates`: a template a project declares (`templates` in project.yaml).
public struct DeclaredTemplateRow: Sendable, Hashable {
    public var project: String
    public var template: String
}

extension DeclaredTemplateRow: ProjectScopedRow {
    public static let table = StoreTable("declared_templates", ["project", "template"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: template
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], template: c[1])
    }
}

/// A person (or agency person) on a project: the key of `project_people` and
/// `project_templates`.
public struct ProjectPersonKey: Sendable, Hashable {
    public var project: String
    public var person: String
}

/// `project_people`: a person's entry in a project's `access.people`.
public struct ProjectPersonRow: Sendable, Hashable {
    public var project: String
    public var person: String
    /// A role, or `none`.
    public var setting: String
}

extension ProjectPersonRow: ProjectScopedRow {
    public static let table = StoreTable("project_people", ["project", "person", "setting"], key: 2)

    public var key: ProjectPersonKey { ProjectPersonKey(project: project, person: person) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: person
        case 2: setting
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], person: c[1], setting: c[2])
    }
}

/// `project_templates`: a person's entry in a project's `access.templates`.
public struct ProjectTemplateRow: Sendable, Hashable {
    public var project: String
    public var person: String
    public var role: String
    /// The template names, as a `ListCoding` list.
    public var templates: String
}

extension ProjectTemplateRow: ProjectScopedRow {
    public static let table = StoreTable("project_templates", ["project", "person", "role", "templates"], key: 2)

    public var key: ProjectPersonKey { ProjectPersonKey(project: project, person: person) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: person
        case 2: role
        case 3: templates
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], person: c[1], role: c[2], templates: c[3])
    }
}

/// `project_teams`: a team's role in a project's `access.teams`.
public struct ProjectTeamRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var project: String
        public var team: String
    }

    public var project: String
    public var team: String
    public var role: String
}

extension ProjectTeamRow: ProjectScopedRow {
    public static let table = StoreTable("project_teams", ["project", "team", "role"], key: 2)

    public var key: Key { Key(project: project, team: team) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: team
        case 2: role
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], team: c[1], role: c[2])
    }
}

/// `handover_agents`: a subject in a project's `handover.agents`.
public struct HandoverAgentRow: Sendable, Hashable {
    public var project: String
    public var subject: String
}

extension HandoverAgentRow: ProjectScopedRow {
    public static let table = StoreTable("handover_agents", ["project", "subject"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: subject
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], subject: c[1])
    }
}

/// `facebook_admins`: a subject in a project's `facebookAnalytics.admins`.
public struct FacebookAdminRow: Sendable, Hashable {
    public var project: String
    public var subject: String
}

extension FacebookAdminRow: ProjectScopedRow {
    public static let table = StoreTable("facebook_admins", ["project", "subject"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: subject
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], subject: c[1])
    }
}
