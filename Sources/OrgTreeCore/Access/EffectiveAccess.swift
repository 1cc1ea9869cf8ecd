/// One subject's effective access over the whole tree.
///
/// Projects where the subject's access comes only from the project default (or from
/// being an org owner/admin) are grouped in `elsewhere` rather than listed one by one,
/// so the whole matrix of 20,000 people × 2,000 projects stays linear in size.
public struct SubjectAccess: Sendable {
    public var subject: Subject
    /// For org people: owner, admin or member, and where that is written.
    public var orgRole: OrgRole?
    public var orgRoleChain: Provenance?
    public var orgPermissions: [(permission: OrgPermission, chains: [Provenance])]
    /// Projects where the subject has access of its own (an entry, a team, a list, a partner grant).
    public var projects: [ProjectGrant]
    /// Access on all other projects, grouped by role and source.
    public var elsewhere: [BulkGrant]
    /// For tokens.
    public var token: TokenGrant?
}

public struct ProjectGrant: Sendable {
    public var project: String
    public var role: EffectiveRole
    public var templates: [String]
    public var chains: [Provenance]
    public var permissions: [(permission: ProjectPermission, grant: PermissionGrant)]
}

/// The same role on many projects for one reason (org owner/admin, or the default).
public struct BulkGrant: Sendable {
    public enum Source: String, Sendable, Codable {
        /// Org owners and admins own every project.
        case orgRole = "org-role"
        /// The project's `access.default`, or the org's `defaults.projectRole`.
        case projectDefault = "default"
    }

    public var role: EffectiveRole
    public var source: Source
    /// The projects of the group, shared by every subject (so a bulk grant costs nothing
    /// per project), less `excluded`: the subject's own projects, listed in `projects`.
    public var group: [String]
    public var excluded: Set<String>
    /// The chain for the org role, or the one default line when all projects share it.
    public var chain: Provenance?

    public var count: Int { group.count - excluded.count }

    /// The projects one by one (linear in the number of projects).
    public var projects: [String] { excluded.isEmpty ? group : group.filter { !excluded.contains($0) } }

    public func contains(_ project: String) -> Bool {
        !excluded.contains(project) && group.contains(project)
    }
}

public struct TokenGrant: Sendable {
    public var project: String
    public var environment: Environment?
    public var expires: Day?
    public var declared: [TokenScope]
    public var scopes: [(scope: TokenScope, chains: [Provenance])]
    /// Why the token holds nothing.
    public var suspended: [Reason]
}

/// Answers "what can this subject do" for every subject, with indexes that make each
/// answer cost only the projects where the subject has access of its own.
public struct AccessMatrix: Sendable {
    public let engine: AccessEngine
    private let specificProjects: [String: Set<String>]
    private let teamsOfPerson: [String: [String]]
    private let projectsOfTeam: [String: [String]]
    private let projectIDs: [String]
    /// Projects grouped by the role their default gives, with the default lines behind it.
    private let defaultGroups: [(role: EffectiveRole, projects: [String], members: Set<String>, chain: Provenance?)]

    public init(engine: AccessEngine) {
        self.init(engine: engine, indexing: nil)
    }

    /// The indexes of `subjects` only, for a question about one or a few subjects
    /// (`effective --person`): `access(of:at:)` and `specificProjects(of:)` answer as the
    /// whole matrix's for these subjects, and must not be asked about others.
    public init(engine: AccessEngine, for subjects: [Subject]) {
        self.init(engine: engine, indexing: Set(subjects.map(\.description)))
    }

    /// `wanted`: the keys (`Subject.description`) of the subjects to index; nil: everyone.
    private init(engine: AccessEngine, indexing wanted: Set<String>?) {
        self.engine = engine
        let tree = engine.tree
        let ids = tree.projectIDs
        var teams: [String: [String]] = [:]
        if let wanted {
            for (team, members) in engine.membersOf {
                for person in wanted where members.contains(person) { teams[person, default: []].append(team) }
            }
        } else {
            for (team, members) in engine.membersOf {
                for person in members.keys { teams[person, default: []].append(team) }
            }
        }
        let wantedTeams = wanted.map { _ in Set(teams.values.joined()) }
        var specific: [String: Set<String>] = [:]
        var teamProjects: [String: [String]] = [:]
        for id in ids {
            let p = tree.projects[id]!
            for key in p.namedSubjects where wanted?.contains(key) ?? true { specific[key, default: []].insert(id) }
            for (team, _) in p.teams where wantedTeams?.contains(team.value) ?? true { teamProjects[team.value, default: []].append(id) }
        }
        for (agency, partner) in tree.partners {
            for (project, people) in partner.activations {
                for person in people {
                    let key = "\(agency)/\(person.value)"
                    if wanted?.contains(key) ?? true { specific[key, default: []].insert(project.value) }
                }
            }
        }
        specificProjects = specific
        teamsOfPerson = teams
        projectsOfTeam = teamProjects
        projectIDs = ids
        var groups: [EffectiveRole: [String]] = [:]
        var steps: [EffectiveRole: Set<ProvenanceStep>] = [:]
        for project in ids {
            let (setting, step) = engine.defaultSetting(on: project)
            guard let role = setting.role else { continue }
            groups[EffectiveRole(role), default: []].append(project)
            steps[EffectiveRole(role), default: []].insert(step)
        }
        defaultGroups = groups.keys.sorted(by: >).map { role in
            let shared = steps[role]!.count == 1 ? Provenance([steps[role]!.first!]) : nil
            return (role, groups[role]!, Set(groups[role]!), shared)
        }
    }

    public func access(of subject: Subject, at day: Day) -> SubjectAccess {
        var result = SubjectAccess(subject: subject, orgPermissions: [], projects: [], elsewhere: [])
        let orgPermissions = engine.orgPermissions(of: subject)
        result.orgPermissions = orgPermissions.keys.sorted().map { ($0, orgPermissions[$0]!) }
        switch subject {
        case .token(let project, let id):
            guard let token = engine.tree.token(project: project, id: id) else { return result }
            let access = engine.tokenAccess(token, at: day)
            result.token = TokenGrant(project: project, environment: token.environment?.value, expires: token.expires?.value,
                                      declared: access.declared,
                                      scopes: access.scopes.keys.sorted().map { ($0, access.scopes[$0]!) },
                                      suspended: access.reasons)
            return result
        case .person(let person):
            if let (role, chain) = engine.orgRole(of: person) {
                result.orgRole = role
                result.orgRoleChain = chain
                if role.isProjectOwnerEverywhere {
                    result.elsewhere = [BulkGrant(role: .owner, source: .orgRole, group: projectIDs, excluded: [], chain: chain)]
                    return result
                }
            }
        case .agencyPerson:
            break
        }

        let key = subject.description
        var specific = specificProjects[key] ?? []
        if case .person(let person) = subject {
            for team in teamsOfPerson[person] ?? [] {
                specific.formUnion(projectsOfTeam[team] ?? [])
            }
        }
        for project in specific.sorted() {
            if let grant = grant(of: subject, on: project) { result.projects.append(grant) }
        }
        guard case .person = subject else { return result }

        // Every other project: the default role, from the groups built once.
        result.elsewhere = defaultGroups.compactMap { group in
            let excluded = specific.intersection(group.members)
            guard excluded.count < group.projects.count else { return nil }
            return BulkGrant(role: group.role, source: .projectDefault, group: group.projects, excluded: excluded, chain: group.chain)
        }
        return result
    }

    /// Projects where the subject has an entry, a team role, a list place or a partner
    /// grant of its own (whether or not that gives access), sorted.
    public func specificProjects(of subject: Subject) -> [String] {
        var specific = specificProjects[subject.description] ?? []
        if case .person(let person) = subject {
            for team in teamsOfPerson[person] ?? [] { specific.formUnion(projectsOfTeam[team] ?? []) }
        }
        return specific.filter { engine.tree.projects[$0] != nil }.sorted()
    }

    /// The subject's exact access on one project, or nil when it has none.
    public func grant(of subject: Subject, on project: String) -> ProjectGrant? {
        guard engine.tree.projects[project] != nil else { return nil }
        let access = engine.projectAccess(of: subject, on: project)
        guard let role = access.role else { return nil }
        let permissions = engine.permissions(from: access, of: subject, on: project)
        return ProjectGrant(project: project, role: role, templates: access.templates, chains: access.chains,
                            permissions: permissions.keys.sorted().map { ($0, permissions[$0]!) })
    }

    /// The subject's access reduced to one project: its exact grant there (also when it
    /// came in bulk), its org role and permissions, and for a token its own project only.
    public func access(of subject: Subject, on project: String, at day: Day) -> SubjectAccess {
        var a = access(of: subject, at: day)
        a.elsewhere = []
        if let token = a.token, token.project != project { a.token = nil }
        if case .token = subject {
            a.projects = []
        } else {
            a.projects = grant(of: subject, on: project).map { [$0] } ?? []
        }
        return a
    }
}

