/// A table of the state store that mirrors the tree: its name, its columns (all text;
/// an empty string is stored as NULL) and how many leading columns form its key.
public struct StoreTable: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    public var keyCount: Int
    /// Derived from the others (effective access), rather than written in the tree.
    public var derived: Bool

    public init(_ name: String, _ columns: [String], key keyCount: Int, derived: Bool = false) {
        self.name = name
        self.columns = columns
        self.keyCount = keyCount
        self.derived = derived
    }
}

/// The tables, in the order rows are written (parents before children). Deletes run in
/// the reverse order. Columns the store manages itself (invitation state, token secret
/// hashes, revocation) are not part of these: see `StateSchema` in OrgTreeState.
public enum StoreTables {
    public static let organization = StoreTable("organization", ["id", "name", "created_by", "plan_name", "plan_projects", "plan_extra_projects", "agreement", "payment_method", "invoice_email", "default_project_role"], key: 1)
    public static let people = StoreTable("people", ["id", "first_name", "last_name", "email", "tfa_method", "mobile", "facebook_id", "slack_id", "job_title"], key: 1)
    public static let orgRoles = StoreTable("org_roles", ["person", "role"], key: 1)
    public static let orgGrants = StoreTable("org_grants", ["person", "permission"], key: 2)
    public static let teams = StoreTable("teams", ["id", "name"], key: 1)
    public static let teamMembers = StoreTable("team_members", ["team", "person"], key: 2)
    public static let teamIncludes = StoreTable("team_includes", ["team", "included"], key: 2)
    public static let projects = StoreTable("projects", ["id", "name", "default_role", "handover_slack"], key: 1)
    public static let projectEnvironments = StoreTable("project_environments", ["project", "environment"], key: 2)
    public static let projectPeople = StoreTable("project_people", ["project", "person", "setting"], key: 2)
    public static let projectTemplates = StoreTable("project_templates", ["project", "person", "role", "templates"], key: 2)
    public static let projectTeams = StoreTable("project_teams", ["project", "team", "role"], key: 2)
    public static let handoverAgents = StoreTable("handover_agents", ["project", "subject"], key: 2)
    public static let facebookAdmins = StoreTable("facebook_admins", ["project", "subject"], key: 2)
    public static let agencies = StoreTable("agencies", ["id", "name", "status", "owner"], key: 1)
    public static let agencyPeople = StoreTable("agency_people", ["agency", "id", "first_name", "last_name", "email", "tfa_method", "mobile", "facebook_id", "slack_id", "job_title"], key: 2)
    public static let projectPartners = StoreTable("project_partners", ["project", "agency", "enabled"], key: 2)
    public static let activations = StoreTable("activations", ["agency", "project", "person"], key: 3)
    public static let agencyRoles = StoreTable("agency_roles", ["project", "subject", "role"], key: 2)
    public static let tokens = StoreTable("tokens", ["project", "id", "environment", "owner", "scopes", "expires"], key: 2)
    /// Per subject and project (or `*`: every project, for org owners and admins): the
    /// role it has there of its own; `none` blocks the project default.
    public static let effectiveAccess = StoreTable("effective_access", ["subject", "project", "role"], key: 2, derived: true)
    /// Per subject: each permission or scope it holds, on a project, on every project
    /// (`*`), or at org level (project empty).
    public static let effectivePermissions = StoreTable("effective_permissions", ["subject", "project", "permission", "role"], key: 3, derived: true)
    /// What every org member without an `effective_access` row on a project holds there.
    public static let defaultPermissions = StoreTable("default_permissions", ["project", "permission", "role"], key: 2, derived: true)

    public static let all: [StoreTable] = [
        organization, people, orgRoles, orgGrants, teams, teamMembers, teamIncludes, projects,
        projectEnvironments, projectPeople, projectTemplates, projectTeams, handoverAgents, facebookAdmins,
        agencies, agencyPeople, projectPartners, activations, agencyRoles, tokens,
        effectiveAccess, effectivePermissions, defaultPermissions,
    ]

    public static func named(_ name: String) -> StoreTable? { all.first { $0.name == name } }
}
