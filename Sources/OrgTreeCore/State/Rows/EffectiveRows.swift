// The derived tables: what the access engine computes from the tree's rows. Their rows
// are written by the million on a first apply, so they compare field by field (in
// column order) instead of through `column(_:)`, and `column(_:)` is inlinable.

/// `effective_access`: per subject and project (or `*`: every project, for org owners
/// and admins), the role it has there of its own; `none` blocks the project default.
public struct EffectiveAccessRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var subject: String
        public var project: String
    }

    /// `Subject.description`.
    public var subject: String
    public var project: String
    public var role: String
}

extension EffectiveAccessRow: StoreRow {
    public static let table = StoreTable("effective_access", ["subject", "project", "role"], key: 2, derived: true)

    public var key: Key { Key(subject: subject, project: project) }

    @inlinable public func column(_ index: Int) -> String {
        switch index {
        case 0: subject
        case 1: project
        case 2: role
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(subject: c[0], project: c[1], role: c[2])
    }

    public static func < (a: Self, b: Self) -> Bool {
        if a.subject != b.subject { return a.subject < b.subject }
        if a.project != b.project { return a.project < b.project }
        return a.role < b.role
    }
}

/// `effective_permissions`: per subject, each permission or scope it holds, on a
/// project, on every project (`*`), or at org level (project empty); a token's scopes in
/// its environment only (`environment`; empty: every environment of the project).
public struct EffectivePermissionRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var subject: String
        public var project: String
        public var permission: String
    }

    /// `Subject.description`.
    public var subject: String
    public var project: String
    public var permission: String
    /// The role it is held under: a project role, an org role (org permissions) or `token`.
    public var role: String
    /// A token's environment, the only one where it holds its scopes; empty for people.
    public var environment: String

    public init(subject: String, project: String, permission: String, role: String, environment: String = "") {
        self.subject = subject
        self.project = project
        self.permission = permission
        self.role = role
        self.environment = environment
    }
}

extension EffectivePermissionRow: StoreRow {
    public static let table = StoreTable("effective_permissions", ["subject", "project", "permission", "role", "environment"], key: 3, derived: true)

    public var key: Key { Key(subject: subject, project: project, permission: permission) }

    @inlinable public func column(_ index: Int) -> String {
        switch index {
        case 0: subject
        case 1: project
        case 2: permission
        case 3: role
        case 4: environment
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(subject: c[0], project: c[1], permission: c[2], role: c[3], environment: c[4])
    }

    public static func < (a: Self, b: Self) -> Bool {
        if a.subject != b.subject { return a.subject < b.subject }
        if a.project != b.project { return a.project < b.project }
        if a.permission != b.permission { return a.permission < b.permission }
        if a.role != b.role { return a.role < b.role }
        return a.environment < b.environment
    }
}

/// `effective_template_permissions`: per subject holding a template role, each
/// permission it holds on one template of a project (and nowhere else on the project).
public struct EffectiveTemplatePermissionRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var subject: String
        public var project: String
        public var template: String
        public var permission: String
    }

    /// `Subject.description`.
    public var subject: String
    public var project: String
    public var template: String
    public var permission: String
    /// The template role: `template-editor` or `template-reader`.
    public var role: String
}

extension EffectiveTemplatePermissionRow: StoreRow {
    public static let table = StoreTable("effective_template_permissions", ["subject", "project", "template", "permission", "role"], key: 4, derived: true)

    public var key: Key { Key(subject: subject, project: project, template: template, permission: permission) }

    @inlinable public func column(_ index: Int) -> String {
        switch index {
        case 0: subject
        case 1: project
        case 2: template
        case 3: permission
        case 4: role
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(subject: c[0], project: c[1], template: c[2], permission: c[3], role: c[4])
    }
}

/// `default_permissions`: what every org member without an `effective_access` row on a
/// project holds there.
public struct DefaultPermissionRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var project: String
        public var permission: String
    }

    public var project: String
    public var permission: String
    public var role: String
}

extension DefaultPermissionRow: ProjectScopedRow {
    public static let table = StoreTable("default_permissions", ["project", "permission", "role"], key: 2, derived: true)

    public var key: Key { Key(project: project, permission: permission) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: permission
        case 2: role
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], permission: c[1], role: c[2])
    }
}
