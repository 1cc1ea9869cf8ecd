/// The rows a tree puts in the state store: one array per table, rows sorted by key
/// (`StoreRow`'s order). Pure: built from a tree and its access engine, or read back from
/// a store. The per-subject effective rows are not part of it: `EffectiveRowBuilder`
/// gives them subject by subject.
public struct StoreSnapshot: Sendable, Equatable {
    public var organization: [OrganizationRow] = []
    public var people: [PersonRow] = []
    public var orgRoles: [OrgRoleRow] = []
    public var orgGrants: [OrgGrantRow] = []
    public var teams: [TeamRow] = []
    public var teamMembers: [TeamMemberRow] = []
    public var teamIncludes: [TeamIncludeRow] = []
    public var projects: [ProjectRow] = []
    public var projectEnvironments: [ProjectEnvironmentRow] = []
    public var declaredTemplates: [DeclaredTemplateRow] = []
    public var projectPeople: [ProjectPersonRow] = []
    public var projectTemplates: [ProjectTemplateRow] = []
    public var projectTeams: [ProjectTeamRow] = []
    public var handoverAgents: [HandoverAgentRow] = []
    public var facebookAdmins: [FacebookAdminRow] = []
    public var agencies: [AgencyRow] = []
    public var agencyPeople: [AgencyPersonRow] = []
    public var projectPartners: [ProjectPartnerRow] = []
    public var activations: [ActivationRow] = []
    public var agencyRoles: [AgencyRoleRow] = []
    public var tokens: [TokenRow] = []
    /// Derived from the tree (each project's default role), but not per subject.
    public var defaultPermissions: [DefaultPermissionRow] = []

    /// Every table of a snapshot, in the order rows are written (parents before children).
    public static let tables: [any SnapshotTable] = [
        SnapshotRows(\.organization), SnapshotRows(\.people), SnapshotRows(\.orgRoles), SnapshotRows(\.orgGrants),
        SnapshotRows(\.teams), SnapshotRows(\.teamMembers), SnapshotRows(\.teamIncludes), SnapshotRows(\.projects),
        SnapshotRows(\.projectEnvironments), SnapshotRows(\.declaredTemplates), SnapshotRows(\.projectPeople), SnapshotRows(\.projectTemplates),
        SnapshotRows(\.projectTeams), SnapshotRows(\.handoverAgents), SnapshotRows(\.facebookAdmins), SnapshotRows(\.agencies),
        SnapshotRows(\.agencyPeople), SnapshotRows(\.projectPartners), SnapshotRows(\.activations), SnapshotRows(\.agencyRoles),
        SnapshotRows(\.tokens), SnapshotRows(\.defaultPermissions),
    ]

    public init() {}

    /// The number of rows of every table.
    public var rowCount: Int { Self.tables.reduce(0) { $0 + $1.count(in: self) } }

    /// Sorts every table's rows by key (and then whole row), for stable comparison.
    public mutating func normalize() {
        for table in Self.tables { table.sort(&self) }
    }

    /// The rows of a tree as the store keeps them, but for the per-subject effective rows.
    public init(tree: OrgTree, engine: AccessEngine) {
        func text(_ value: Located<String>?) -> String { value?.value ?? "" }

        if let org = tree.organization {
            organization.append(OrganizationRow(
                id: text(org.id), name: text(org.name), createdBy: text(org.createdBy), planName: text(org.plan?.name),
                planProjects: org.plan?.projects.map { String($0.value) } ?? "",
                planExtraProjects: org.plan?.extraProjects.map { String($0.value) } ?? "",
                agreement: org.plan?.agreement?.value.rawValue ?? "", paymentMethod: org.billing?.paymentMethod?.value.rawValue ?? "",
                invoiceEmail: text(org.billing?.invoiceEmail), defaultProjectRole: org.defaultProjectRole?.value.description ?? ""))
            for o in org.owners { orgRoles.append(OrgRoleRow(person: o.value, role: "owner")) }
            for a in org.admins where !org.owners.contains(where: { $0.value == a.value }) {
                orgRoles.append(OrgRoleRow(person: a.value, role: "admin"))
            }
            for (permission, people) in org.permissions {
                for p in people { orgGrants.append(OrgGrantRow(person: p.value, permission: permission.value.rawValue)) }
            }
        }
        func profile(_ p: PersonDocument) -> PersonProfile {
            PersonProfile(firstName: text(p.firstName), lastName: text(p.lastName), email: text(p.email),
                          tfaMethod: p.tfaMethod?.value.rawValue ?? "", mobile: text(p.mobile), facebookID: text(p.facebookID),
                          slackID: text(p.slackID), jobTitle: text(p.jobTitle))
        }
        for id in tree.personIDs { people.append(PersonRow(id: id, profile: profile(tree.people[id]!))) }
        for id in tree.teamIDs {
            let team = tree.teams[id]!
            teams.append(TeamRow(id: id, name: text(team.name)))
            for m in team.members { teamMembers.append(TeamMemberRow(team: id, person: m.value)) }
            for i in team.includes { teamIncludes.append(TeamIncludeRow(team: id, included: i.value)) }
        }
        for id in tree.projectIDs {
            let p = tree.projects[id]!
            projects.append(ProjectRow(id: id, name: text(p.name), defaultRole: p.accessDefault?.value.description ?? "",
                                       handoverSlack: p.handoverSlack.map { String($0.value) } ?? ""))
            for e in p.environments { projectEnvironments.append(ProjectEnvironmentRow(project: id, environment: e.value.rawValue)) }
            for t in p.declaredTemplates { declaredTemplates.append(DeclaredTemplateRow(project: id, template: t.value)) }
            for (person, setting) in p.people {
                projectPeople.append(ProjectPersonRow(project: id, person: person.value, setting: setting.value.description))
            }
            for g in p.templates {
                projectTemplates.append(ProjectTemplateRow(project: id, person: g.person.value, role: g.role?.value.rawValue ?? "",
                                                           templates: ListCoding.encode(g.templates.map(\.value))))
            }
            for (team, role) in p.teams { projectTeams.append(ProjectTeamRow(project: id, team: team.value, role: role.value.rawValue)) }
            for a in p.handoverAgents { handoverAgents.append(HandoverAgentRow(project: id, subject: a.value)) }
            for a in p.facebookAdmins { facebookAdmins.append(FacebookAdminRow(project: id, subject: a.value)) }
            for partner in p.partners {
                projectPartners.append(ProjectPartnerRow(project: id, agency: partner.agency.value,
                                                         enabled: partner.enabled.map { String($0.value) } ?? ""))
                for (subject, role) in partner.people {
                    agencyRoles.append(AgencyRoleRow(project: id, subject: subject.value, role: role.value.rawValue))
                }
            }
        }
        for id in tree.partnerIDs {
            let partner = tree.partners[id]!
            agencies.append(AgencyRow(id: id, name: text(partner.name), status: partner.status?.value.rawValue ?? "", owner: text(partner.owner)))
            for (project, people) in partner.activations {
                for p in people { activations.append(ActivationRow(agency: id, project: project.value, person: p.value)) }
            }
        }
        for agency in tree.agencyPeople.keys.sorted() {
            for (id, person) in tree.agencyPeople[agency]! {
                agencyPeople.append(AgencyPersonRow(agency: agency, id: id, profile: profile(person)))
            }
        }
        for project in tree.tokens.keys.sorted() {
            for token in tree.tokens[project]! {
                tokens.append(TokenRow(project: project, id: token.id.value, environment: token.environment?.value.rawValue ?? "",
                                       owner: text(token.owner), scopes: ListCoding.encode(token.scopes.map(\.value.rawValue)),
                                       expires: token.expires?.value.description ?? ""))
            }
        }

        for id in tree.projectIDs {
            guard let role = engine.defaultSetting(on: id).setting.role else { continue }
            for permission in EffectiveRole(role).basePermissions {
                defaultPermissions.append(DefaultPermissionRow(project: id, permission: permission.rawValue, role: role.rawValue))
            }
        }
        normalize()
    }
}
