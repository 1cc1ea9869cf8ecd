/// Computes effective access from a tree (docs/access-model.md §2–§6): org permissions, project roles and
/// permissions, token scopes, each with the chains of file:line steps that give it.
///
/// Built once per tree; every query is a few dictionary look-ups. Pure and `Sendable`.
public struct AccessEngine: Sendable {
    public let tree: OrgTree

    let ownerEntries: [String: SourceLocation]
    let adminEntries: [String: SourceLocation]
    let orgGrants: [String: [(permission: OrgPermission, location: SourceLocation)]]
    /// The teams' `includes` graph and its cycles.
    let teamGraph: TeamGraph
    /// Every team's members with their routes, indexed as `teamGraph.ids` (what
    /// `membersOf` answers, for `isMember`, which copies no team's members to ask).
    let memberRoutes: [[String: MemberRoute]]
    /// Members of each team, through nested includes: team → org person → the shortest
    /// chain that makes the person a member.
    let membersOf: [String: TeamMembers]
    let projectIndex: [String: ProjectIndex]
    /// agency → project → agency person id → where the activation is written.
    let activations: [String: [String: [String: SourceLocation]]]
    let orgDefault: (setting: RoleSetting, step: ProvenanceStep)

    struct ProjectIndex: Sendable {
        /// The project's id and file (what its answers name), without its document.
        var id: String
        var file: String
        /// The project's `access.people` entries (shared with its document, not copied),
        /// and person → the position of their first entry (a position, not a copy:
        /// projects may list 100,000 people).
        var peopleEntries: [(person: Located<String>, setting: Located<RoleSetting>)] = []
        var people: [String: Int32] = [:]
        var templates: [String: ProjectDocument.TemplateGrant] = [:]
        var teams: [(team: Located<String>, role: Located<ProjectRole>)] = []
        /// `access.teams.TEAM: ROLE`, the step of each entry of `teams` (same order), made
        /// once per project rather than once per member asked about.
        var teamSteps: [ProvenanceStep] = []
        var partners: [String: ProjectDocument.PartnerAccess] = [:]
        var partnerPeople: [String: Located<ProjectRole>] = [:]
        var agents: [String: SourceLocation] = [:]
        var facebookAdmins: [String: SourceLocation] = [:]
        var defaultStep: (setting: RoleSetting, step: ProvenanceStep)?

        /// The person's own `access.people` entry on the project.
        func setting(of person: String) -> Located<RoleSetting>? {
            people[person].map { peopleEntries[Int($0)].setting }
        }
    }

    public init(tree: OrgTree) {
        self.tree = tree
        let orgFile = tree.organization?.file ?? "organization.yaml"
        var owners: [String: SourceLocation] = [:]
        var admins: [String: SourceLocation] = [:]
        var grants: [String: [(OrgPermission, SourceLocation)]] = [:]
        if let org = tree.organization {
            for o in org.owners where owners[o.value] == nil { owners[o.value] = o.location }
            for a in org.admins where admins[a.value] == nil { admins[a.value] = a.location }
            for (permission, people) in org.permissions {
                for p in people { grants[p.value, default: []].append((permission.value, p.location)) }
            }
        }
        ownerEntries = owners
        adminEntries = admins
        orgGrants = grants.mapValues { $0.map { (permission: $0.0, location: $0.1) } }

        if let setting = tree.organization?.defaultProjectRole {
            orgDefault = (setting.value, ProvenanceStep("defaults.projectRole: \(setting.value)", at: setting.location))
        } else {
            orgDefault = (.role(.editor), ProvenanceStep("no defaults.projectRole: new people are editors", at: .start(of: orgFile)))
        }

        teamGraph = TeamGraph(tree.teams)
        memberRoutes = TeamMembership.compute(teamGraph)
        membersOf = TeamMembership.members(teamGraph, routes: memberRoutes)

        var index: [String: ProjectIndex] = [:]
        for (id, project) in tree.projects {
            var p = ProjectIndex(id: project.id, file: project.file)
            p.peopleEntries = project.people
            p.people.reserveCapacity(project.people.count)
            for (position, entry) in project.people.enumerated() where p.people[entry.person.value] == nil {
                p.people[entry.person.value] = Int32(position)
            }
            for grant in project.templates where p.templates[grant.person.value] == nil { p.templates[grant.person.value] = grant }
            p.teams = project.teams
            p.teamSteps = project.teams.map { ProvenanceStep("access.teams.\($0.team.value): \($0.role.value.rawValue)", at: $0.role.location) }
            for partner in project.partners {
                p.partners[partner.agency.value] = partner
                for (subject, role) in partner.people { p.partnerPeople[subject.value] = role }
            }
            for agent in project.handoverAgents { p.agents[agent.value] = agent.location }
            for admin in project.facebookAdmins { p.facebookAdmins[admin.value] = admin.location }
            if let d = project.accessDefault {
                p.defaultStep = (d.value, ProvenanceStep("access.default: \(d.value)", at: d.location))
            }
            index[id] = p
        }
        projectIndex = index

        var acts: [String: [String: [String: SourceLocation]]] = [:]
        for (agency, partner) in tree.partners {
            for (project, people) in partner.activations {
                for person in people { acts[agency, default: [:]][project.value, default: [:]][person.value] = person.location }
            }
        }
        activations = acts
    }

    /// The default setting that applies on a project (its own, the org's, or editor), and where it comes from.
    public func defaultSetting(on projectID: String) -> (setting: RoleSetting, step: ProvenanceStep) {
        projectIndex[projectID]?.defaultStep ?? orgDefault
    }

    // MARK: Org level

    public func orgRole(of person: String) -> (role: OrgRole, chain: Provenance)? {
        guard tree.people[person] != nil else { return nil }
        if let location = ownerEntries[person] {
            return (.owner, Provenance([ProvenanceStep("roles.owners: \(person)", at: location)]))
        }
        if let location = adminEntries[person] {
            return (.admin, Provenance([ProvenanceStep("roles.admins: \(person)", at: location)]))
        }
        let file = tree.people[person]!.file
        return (.member, Provenance([ProvenanceStep("member of the organization", at: .start(of: file))]))
    }

    /// Org permissions of a subject with every chain. Agency people and tokens hold none.
    public func orgPermissions(of subject: Subject) -> [OrgPermission: [Provenance]] {
        guard case .person(let person) = subject, let (role, chain) = orgRole(of: person) else { return [:] }
        var result: [OrgPermission: [Provenance]] = [:]
        for permission in role.permissions { result[permission, default: []].append(chain) }
        for grant in orgGrants[person] ?? [] {
            result[grant.permission, default: []].append(
                Provenance([ProvenanceStep("permissions.\(grant.permission.rawValue): \(person)", at: grant.location)]))
        }
        return result.mapValues { $0.sorted() }
    }

    // MARK: Project level

    public func projectAccess(of subject: Subject, on projectID: String) -> ProjectAccess {
        // The index, not the project's document: copying a document costs more than the answer.
        guard let index = projectIndex[projectID] else {
            return .denied([Reason("there is no project '\(projectID)'")])
        }
        switch subject {
        case .person(let person):
            return personAccess(person, index)
        case .agencyPerson(let agency, let person):
            return agencyAccess(agency: agency, person: person, index)
        case .token:
            return .denied([Reason("tokens hold scopes on their own project, not project roles")])
        }
    }

    private func personAccess(_ person: String, _ index: ProjectIndex) -> ProjectAccess {
        let project = (id: index.id, file: index.file)
        guard let orgRole = orgRoleOnly(of: person) else {
            return .denied([Reason("there is no person '\(person)' in people/")])
        }
        if orgRole.isProjectOwnerEverywhere, let orgChain = self.orgRole(of: person)?.chain {
            return ProjectAccess(role: .owner, chains: [orgChain.appending(
                ProvenanceStep("org \(orgRole.rawValue)s are owners of every project", at: orgChain.steps[0].location))])
        }
        if let explicit = index.setting(of: person) {
            let step = ProvenanceStep("access.people.\(person): \(explicit.value.description)", at: explicit.location)
            guard let role = explicit.value.role else {
                return .denied([Reason("\(person) is set to none on \(project.id)", at: explicit.location)])
            }
            return ProjectAccess(role: EffectiveRole(role), chains: [Provenance([step])])
        }
        if let grant = index.templates[person], let role = grant.role {
            let step = ProvenanceStep("access.templates.\(person): \(role.value.rawValue)", at: grant.person.location)
            return ProjectAccess(role: EffectiveRole(role.value), templates: grant.templates.map(\.value).sorted(),
                                 chains: [Provenance([step])])
        }
        var candidates: [(ProjectRole, Provenance)] = []
        for (entry, step) in zip(index.teams, index.teamSteps) {
            guard let chains = membersOf[entry.team.value]?[person] else { continue }
            for chain in chains {
                candidates.append((entry.role.value, chain.appending(step)))
            }
        }
        let defaultStep = index.defaultStep ?? orgDefault
        if let role = defaultStep.setting.role {
            candidates.append((role, Provenance([defaultStep.step])))
        }
        guard let best = candidates.map(\.0).max() else {
            return .denied([Reason("\(person) has no entry in \(project.id)'s access, is in none of its teams, and the default is none", at: defaultStep.step.location)])
        }
        let chains = candidates.filter { $0.0 == best }.map(\.1).sorted()
        return ProjectAccess(role: EffectiveRole(best), chains: chains)
    }

    private func agencyAccess(agency: String, person: String, _ index: ProjectIndex) -> ProjectAccess {
        let project = (id: index.id, file: index.file)
        let subject = "\(agency)/\(person)"
        guard tree.agencyPeople[agency]?[person] != nil else {
            return .denied([Reason("there is no agency person '\(subject)' in partners/\(agency)/people/")])
        }
        var reasons: [Reason] = []
        var steps: [ProvenanceStep] = []
        let partner = tree.partners[agency]
        if let status = partner?.status {
            if status.value == .active {
                steps.append(ProvenanceStep("agency \(agency) is active", at: status.location))
            } else {
                reasons.append(Reason("agency \(agency) is \(status.value.rawValue), not active", at: status.location))
            }
        } else {
            reasons.append(Reason("agency \(agency) has no active relation (partners/\(agency)/partner.yaml)"))
        }
        if let access = index.partners[agency], let enabled = access.enabled, enabled.value {
            steps.append(ProvenanceStep("partners.\(agency).enabled: true", at: enabled.location))
        } else {
            let location = index.partners[agency]?.enabled?.location ?? .start(of: project.file)
            reasons.append(Reason("project \(project.id) has not enabled agency \(agency)", at: location))
        }
        if let location = activations[agency]?[project.id]?[person] {
            steps.append(ProvenanceStep("activations.\(project.id): \(person)", at: location))
        } else {
            reasons.append(Reason("the owner of agency \(agency) has not activated \(person) on \(project.id)",
                                  at: partner.map { .start(of: $0.file) }))
        }
        var granted: ProjectRole?
        if let role = index.partnerPeople[subject] {
            if role.value == .owner {
                reasons.append(Reason("agency people are never project owners", at: role.location))
            } else {
                granted = role.value
                steps.append(ProvenanceStep("partners.\(agency).people.\(subject): \(role.value.rawValue)", at: role.location))
            }
        } else {
            reasons.append(Reason("project \(project.id) sets no role for \(subject) under partners.\(agency).people",
                                  at: index.partners[agency]?.agency.location ?? .start(of: project.file)))
        }
        guard reasons.isEmpty, let role = granted else { return .denied(reasons) }
        return ProjectAccess(role: EffectiveRole(role), chains: [Provenance(steps)])
    }

    /// Project permissions of a subject on a project, each with its chains.
    public func projectPermissions(of subject: Subject, on projectID: String) -> [ProjectPermission: PermissionGrant] {
        let access = projectAccess(of: subject, on: projectID)
        return permissions(from: access, of: subject, on: projectID)
    }

    /// The permissions a known project access gives.
    public func permissions(from access: ProjectAccess, of subject: Subject, on projectID: String) -> [ProjectPermission: PermissionGrant] {
        guard let role = access.role, let index = projectIndex[projectID] else { return [:] }
        var result: [ProjectPermission: PermissionGrant] = [:]
        result.reserveCapacity(ProjectPermission.allCases.count)
        for permission in role.basePermissions {
            result[permission] = PermissionGrant(chains: access.chains, templates: nil)
        }
        for permission in role.templatePermissions {
            result[permission] = PermissionGrant(chains: access.chains, templates: access.templates)
        }
        let key = subject.description
        let hasFacebookID = hasFacebookID(subject)
        if !hasFacebookID { result[.analyticsFacebook] = nil }
        guard role != .owner else { return result }
        if hasFacebookID, let location = index.facebookAdmins[key], role >= .editor, !role.isTemplateRole {
            let step = ProvenanceStep("facebookAnalytics.admins: \(key)", at: location)
            result[.analyticsFacebook] = PermissionGrant(chains: access.chains.map { $0.appending(step) }, templates: nil)
        }
        if let location = index.agents[key] {
            let step = ProvenanceStep("handover.agents: \(key)", at: location)
            result[.handover] = PermissionGrant(chains: access.chains.map { $0.appending(step) }, templates: nil)
        }
        return result
    }

    /// Without a Facebook ID nobody holds `analytics.facebook`, owners included
    /// (docs/access-model.md §3).
    public func hasFacebookID(_ subject: Subject) -> Bool {
        tree.person(subject)?.facebookID != nil
    }

    /// Why `subject` cannot hold `analytics.facebook` for want of a Facebook ID, or nil.
    func missingFacebookID(_ subject: Subject) -> Reason? {
        guard let person = tree.person(subject), person.facebookID == nil else { return nil }
        return Reason("no facebookId in \(person.file): without a Facebook ID nobody holds analytics.facebook, owners included", at: .start(of: person.file))
    }

    // MARK: Tokens

    public func tokenAccess(_ token: TokenDocument, at day: Day) -> TokenAccess {
        let declared = token.scopes.map(\.value)
        var reasons: [Reason] = []
        var ownerChain: Provenance?
        if let owner = token.owner {
            if let subject = Subject(owner.value), case .person = subject {
                if let grant = projectPermissions(of: subject, on: token.project)[.tokensManage] {
                    ownerChain = Provenance([ProvenanceStep("owner: \(owner.value)", at: owner.location)])
                        .appending(grant.chains[0])
                } else {
                    let role = projectAccess(of: subject, on: token.project).role
                    let held = role.map { "is \($0.rawValue)" } ?? "has no access"
                    reasons.append(Reason("token owner \(owner.value) \(held) on \(token.project); tokens.manage needs owner", at: owner.location))
                }
            } else {
                reasons.append(Reason("token owner \(owner.value) is not a person of the organization", at: owner.location))
            }
        } else {
            reasons.append(Reason("the token has no owner", at: token.id.location))
        }
        if let expires = token.expires {
            if expires.value < day {
                reasons.append(Reason("the token expired on \(expires.value) (evaluated on \(day))", at: expires.location))
            }
        } else {
            reasons.append(Reason("the token has no expiry date", at: token.id.location))
        }
        if let environment = token.environment {
            if tree.projects[token.project]?.hasEnvironment(environment.value) != true {
                reasons.append(Reason("project \(token.project) has no \(environment.value.rawValue) environment", at: environment.location))
            }
        } else {
            reasons.append(Reason("the token names no environment", at: token.id.location))
        }
        guard reasons.isEmpty, let ownerChain else {
            return TokenAccess(declared: declared, scopes: [:], reasons: reasons)
        }
        var scopes: [TokenScope: [Provenance]] = [:]
        for scope in token.scopes {
            scopes[scope.value] = [Provenance([ProvenanceStep("scopes: \(scope.value.rawValue)", at: scope.location)])
                .appending(ownerChain)]
        }
        return TokenAccess(declared: declared, scopes: scopes, reasons: [])
    }

    // MARK: Questions

    /// Can `subject` do `capability` (on `project`; nil = org level, or a token's own
    /// project) in `environment` (nil: a token's own; people's project access holds in
    /// every environment of the project)? The answer says which environment it is about.
    public func evaluate(_ subject: Subject, _ capability: Capability, on project: String?,
                         in environment: Environment? = nil, at day: Day) -> Evaluation {
        var token: TokenDocument?
        if case .token(let tokenProject, let id) = subject { token = tree.token(project: tokenProject, id: id) }
        if let environment {
            if case .org(let permission) = capability {
                return .invalid("\(permission.rawValue) is an org permission; it holds in no environment (drop 'env: \(environment.rawValue)')")
            }
            if let problem = Self.missingEnvironment(environment, on: project ?? token?.project, in: tree) { return .invalid(problem) }
        }
        var evaluation = evaluateAnywhere(subject, capability, on: project, at: day)
        guard evaluation.problem == nil, case .scope = capability, let token else {
            evaluation.environment = environment
            return evaluation
        }
        evaluation.environment = token.environment?.value
        if let environment, token.environment?.value != environment {
            return Evaluation(granted: false, reasons: [
                Reason("\(subject) is bound to the \(token.environment?.value.rawValue ?? "?") environment of \(token.project); a token never acts in another environment (asked: \(environment.rawValue))",
                       at: token.environment?.location ?? token.id.location),
            ], environment: environment)
        }
        return evaluation
    }

    /// Why `environment` cannot be asked about on `project`, or nil.
    public static func missingEnvironment(_ environment: Environment, on project: String?, in tree: OrgTree) -> String? {
        guard let project, let document = tree.projects[project] else { return nil }
        guard !document.hasEnvironment(environment) else { return nil }
        let known = document.environments.map(\.value.rawValue)
        return "project \(project) has no \(environment.rawValue) environment (" + (known.isEmpty ? "it declares none" : "it has \(known.joined(separator: ", "))") + ")"
    }

    /// `evaluate` without regard to environments.
    private func evaluateAnywhere(_ subject: Subject, _ capability: Capability, on project: String?, at day: Day) -> Evaluation {
        switch capability {
        case .org(let permission):
            if let project {
                return .invalid("\(permission.rawValue) is an org permission; it has no project (drop 'on: \(project)')")
            }
            switch subject {
            case .person(let person):
                guard tree.people[person] != nil else { return .invalid("there is no person '\(person)'") }
                if let chains = orgPermissions(of: subject)[permission] {
                    return Evaluation(granted: true, chains: chains)
                }
                let (role, chain) = orgRole(of: person)!
                return .notGranted([Reason("\(person) is an org \(role.rawValue) (\(chain.steps[0].location.fileAndLine)) and holds no permissions.\(permission.rawValue) grant; \(permission.rawValue) needs \(Self.rolesHolding(permission))")])
            case .agencyPerson:
                return .notGranted([Reason("\(subject) is an agency person; agency people never hold org permissions")])
            case .token:
                return .notGranted([Reason("tokens hold scopes on their own project, never org permissions")])
            }
        case .project(let permission):
            guard let project else {
                return .invalid("\(permission.rawValue) is a project permission; say on which project with 'on:'")
            }
            guard tree.projects[project] != nil else { return .invalid("there is no project '\(project)'") }
            if case .token = subject {
                return .notGranted([Reason("tokens hold scopes (content:read, …), not project permissions")])
            }
            let access = projectAccess(of: subject, on: project)
            guard let role = access.role else { return .notGranted(access.reasons) }
            let permissions = permissions(from: access, of: subject, on: project)
            if let grant = permissions[permission] {
                if let templates = grant.templates {
                    return Evaluation(granted: false, chains: grant.chains, reasons: [
                        Reason("\(subject) is \(role.rawValue) on \(project): \(permission.rawValue) on templates \(templates.joined(separator: ", ")) only, not the whole project", at: grant.chains.first?.steps.last?.location),
                    ])
                }
                return Evaluation(granted: true, chains: grant.chains)
            }
            let at = access.chains.first?.steps.last?.location
            switch permission {
            case .analyticsFacebook:
                if let missing = missingFacebookID(subject) { return .notGranted([missing]) }
                if projectIndex[project]?.facebookAdmins[subject.description] == nil {
                    return .notGranted([Reason("\(subject) is not listed in \(project)'s facebookAnalytics.admins")])
                }
                return .notGranted([Reason("\(subject) is \(role.rawValue) on \(project) (\(at?.fileAndLine ?? "")); analytics.facebook needs editor or owner", at: nil)])
            case .handover:
                return .notGranted([Reason("\(subject) is not listed in \(project)'s handover.agents")])
            default:
                return .notGranted([Reason("\(subject) is \(role.rawValue) on \(project); \(permission.rawValue) needs \(EffectiveRole.least(holding: permission).rawValue)", at: at)])
            }
        case .scope(let scope):
            guard case .token(let tokenProject, let tokenID) = subject else {
                return .notGranted([Reason("\(scope.rawValue) is a token scope; only tokens hold scopes")])
            }
            guard let token = tree.token(project: tokenProject, id: tokenID) else {
                return .invalid("there is no token '\(tokenID)' in projects/\(tokenProject)/tokens.yaml")
            }
            if let project, project != tokenProject {
                return .notGranted([Reason("\(subject) belongs to \(tokenProject); a token never acts on another project")])
            }
            let access = tokenAccess(token, at: day)
            if let chains = access.scopes[scope] { return Evaluation(granted: true, chains: chains) }
            if !access.reasons.isEmpty { return .notGranted(access.reasons) }
            return .notGranted([Reason("\(subject) does not declare \(scope.rawValue)", at: token.id.location)])
        }
    }

    private static func rolesHolding(_ permission: OrgPermission) -> String {
        if OrgRole.admin.permissions.contains(permission) {
            return permission.isGrantable ? "an owner, an admin or a single grant" : "the owner or admin role"
        }
        return permission.isGrantable ? "an owner or a single grant" : "an owner"
    }
}
