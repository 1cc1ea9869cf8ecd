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
        self.engine = engine
        let tree = engine.tree
        var specific: [String: Set<String>] = [:]
        var teamProjects: [String: [String]] = [:]
        for id in tree.projectIDs {
            let p = tree.projects[id]!
            for key in p.namedSubjects { specific[key, default: []].insert(id) }
            for (team, _) in p.teams { teamProjects[team.value, default: []].append(id) }
        }
        for (agency, partner) in tree.partners {
            for (project, people) in partner.activations {
                for person in people { specific["\(agency)/\(person.value)", default: []].insert(project.value) }
            }
        }
        var teams: [String: [String]] = [:]
        for (team, members) in engine.membersOf {
            for person in members.keys { teams[person, default: []].append(team) }
        }
        specificProjects = specific
        teamsOfPerson = teams
        projectsOfTeam = teamProjects
        projectIDs = tree.projectIDs
        var groups: [EffectiveRole: [String]] = [:]
        var steps: [EffectiveRole: Set<ProvenanceStep>] = [:]
        for project in tree.projectIDs {
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

    /// Every subject holding `capability` (on `project`), with its role and shortest chain.
    /// Who holds `capability` (on `project`, or every project), and for token scopes in
    /// which environment: `environment` keeps only the tokens bound to it (people's
    /// project access holds in every environment).
    public func holders(of capability: Capability, on project: String?, in environment: Environment? = nil, at day: Day) -> [Holder] {
        var result: [Holder] = []
        switch capability {
        case .org(let permission):
            for id in engine.tree.personIDs {
                let subject = Subject.person(id)
                guard let chains = engine.orgPermissions(of: subject)[permission] else { continue }
                result.append(Holder(subject: subject, project: nil, role: engine.orgRole(of: id)?.role.rawValue ?? "", chain: chains[0], templates: nil, environment: nil))
            }
        case .project(let permission):
            for projectID in project.map({ [$0] }) ?? projectIDs {
                for subject in engine.tree.subjects {
                    if case .token = subject { continue }
                    let access = engine.projectAccess(of: subject, on: projectID)
                    guard let role = access.role,
                          let grant = engine.permissions(from: access, of: subject, on: projectID)[permission] else { continue }
                    result.append(Holder(subject: subject, project: projectID, role: role.rawValue, chain: grant.chains[0], templates: grant.templates, environment: nil))
                }
            }
        case .scope(let scope):
            for projectID in project.map({ [$0] }) ?? engine.tree.tokens.keys.sorted() {
                for token in engine.tree.tokens[projectID] ?? [] where environment == nil || token.environment?.value == environment {
                    let access = engine.tokenAccess(token, at: day)
                    guard let chains = access.scopes[scope] else { continue }
                    result.append(Holder(subject: token.subject, project: projectID, role: "token", chain: chains[0], templates: nil,
                                         environment: token.environment?.value))
                }
            }
        }
        // Per project, people first, then tokens by environment (sandbox … production).
        func rank(_ h: Holder) -> Int { h.environment.map { Environment.allCases.firstIndex(of: $0)! + 1 } ?? 0 }
        return result.sorted { ($0.project ?? "", rank($0), $0.subject) < ($1.project ?? "", rank($1), $1.subject) }
    }
}

/// One answer of `who-can`.
public struct Holder: Sendable {
    public var subject: Subject
    public var project: String?
    public var role: String
    public var chain: Provenance
    public var templates: [String]?
    /// A token's environment, the only one where it holds its scopes (nil for people).
    public var environment: Environment?
}
