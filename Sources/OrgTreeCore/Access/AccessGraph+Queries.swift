/// The graphs `orgtree graph` draws: one subject's paths, or every path into a project.
extension AccessGraph {
    /// A project's graph draws at most this many subjects (besides those grouped by the
    /// default role), and says how many it leaves out.
    public static let maxSubjects = 100

    /// Every access path of `subject`: org role and org permissions, project roles (with
    /// the list permissions on top), a token's scopes through its owner's tokens.manage.
    /// Projects reached by the same chains (an org owner's, the org default's) are one node.
    /// `environment`: a token's scopes are drawn only in it (people's access holds in every one).
    public static func subject(_ subject: Subject, engine: AccessEngine, at day: Day, in environment: Environment? = nil) -> AccessGraph {
        var builder = AccessGraphBuilder(tree: engine.tree)
        switch subject {
        case .person, .agencyPerson:
            for (permission, chains) in engine.orgPermissions(of: subject).sorted(by: { $0.key < $1.key }) {
                builder.add(subject, reaching: .orgPermission(permission), chains: chains)
            }
            builder.addProjectPaths(of: subject, engine: engine)
        case .token(let project, let id):
            builder.addTokenPaths(of: subject, project: project, id: id, engine: engine, at: day, in: environment)
        }
        if builder.nodeCount == 0 {
            builder.add(subject, reaching: .orgRole, chains: [])
            builder.addNote("\(subject) has no access")
        }
        return builder.graph
    }

    /// Every subject's path into `project`: people whose only path is the default role
    /// drawn as one group, at most `limit` others, then a note of how many are left out.
    /// `environment`: only the project's tokens bound to it are drawn.
    public static func project(_ project: String, engine: AccessEngine, at day: Day, in environment: Environment? = nil,
                               limit: Int = maxSubjects) -> AccessGraph {
        var builder = AccessGraphBuilder(tree: engine.tree)
        let defaultStep = engine.defaultSetting(on: project).step
        var byDefault: [EffectiveRole: [Subject]] = [:]
        var (drawn, left, otherEnvironments) = (0, 0, 0)
        for subject in engine.tree.subjects {
            if case .token(let tokenProject, let id) = subject {
                guard tokenProject == project else { continue }
                if let environment, engine.tree.token(project: project, id: id)?.environment?.value != environment {
                    otherEnvironments += 1
                    continue
                }
                if drawn < limit { builder.addTokenPaths(of: subject, project: project, id: id, engine: engine, at: day) }
                (drawn, left) = drawn < limit ? (drawn + 1, left) : (drawn, left + 1)
                continue
            }
            let access = engine.projectAccess(of: subject, on: project)
            guard let role = access.role else { continue }
            if access.chains == [Provenance([defaultStep])] {
                byDefault[role, default: []].append(subject)
            } else if drawn < limit {
                builder.addProjectPaths(of: subject, on: project, engine: engine, access: access)
                drawn += 1
            } else {
                left += 1
            }
        }
        for (role, subjects) in byDefault {
            builder.addGroup(subjects, reaching: .projectRole(project: project, role: HeldRole(role: role)), chain: Provenance([defaultStep]))
        }
        if left > 0 {
            builder.addNote("\(DiffNumbers.grouped(left)) more subjects with access to \(project) are not drawn (at most \(limit)); draw one with --subject")
        }
        if let environment, otherEnvironments > 0 {
            let tokens = otherEnvironments == 1 ? "1 token of \(project) is" : "\(otherEnvironments) tokens of \(project) are"
            builder.addNote("\(tokens) bound to another environment than \(environment.rawValue): not drawn")
        }
        if builder.nodeCount == 0 { builder.addNote("nobody has access to \(project)") }
        return builder.graph
    }
}

extension AccessGraphBuilder {
    /// A person's or agency person's paths to every project where they have a role; the
    /// projects they reach by one same set of chains (not written in any project) grouped,
    /// and those they reach by each project's own `access.default` only.
    mutating func addProjectPaths(of subject: Subject, engine: AccessEngine) {
        var shared: [[Provenance]: (role: HeldRole, projects: [String])] = [:]
        var byOwnDefault: [EffectiveRole: [String]] = [:]
        for project in engine.tree.projectIDs {
            let access = engine.projectAccess(of: subject, on: project)
            guard let role = access.role else { continue }
            let permissions = engine.permissions(from: access, of: subject, on: project)
            let projectWide = access.chains.allSatisfy { $0.steps.allSatisfy { !$0.location.file.hasPrefix("projects/") } }
            let onlyLists = permissions.values.allSatisfy { $0.chains == access.chains }
            if projectWide, onlyLists {
                shared[access.chains, default: (HeldRole(role: role, templates: access.templates), [])].projects.append(project)
            } else if onlyLists, access.chains.count == 1, access.chains[0].steps.count == 1,
                      access.chains[0].steps[0].text.hasPrefix("access.default: ") {
                byOwnDefault[role, default: []].append(project)
            } else {
                addProjectPaths(of: subject, on: project, engine: engine, access: access)
            }
        }
        for (chains, group) in shared {
            let target: AccessGraphTarget = group.projects.count == 1
                ? .projectRole(project: group.projects[0], role: group.role) : .projects(group.projects, role: group.role)
            add(subject, reaching: target, chains: chains)
        }
        for (role, projects) in byOwnDefault {
            if projects.count == 1 {
                addProjectPaths(of: subject, on: projects[0], engine: engine)
            } else {
                addOwnDefaults(subject, projects: projects, role: HeldRole(role: role))
            }
        }
    }

    /// A subject's paths to its role on a project, and to the list permissions above it.
    mutating func addProjectPaths(of subject: Subject, on project: String, engine: AccessEngine, access known: ProjectAccess? = nil) {
        let access = known ?? engine.projectAccess(of: subject, on: project)
        guard let role = access.role else { return }
        let target = AccessGraphTarget.projectRole(project: project, role: HeldRole(role: role, templates: access.templates))
        add(subject, reaching: target, chains: access.chains)
        let permissions = engine.permissions(from: access, of: subject, on: project)
        for listed in [ProjectPermission.analyticsFacebook, .handover] {
            if let grant = permissions[listed], grant.chains != access.chains {
                add(subject, reaching: target, chains: grant.chains)
            }
        }
    }

    /// A token's scopes, each through its owner's tokens.manage; a note when it holds none.
    mutating func addTokenPaths(of subject: Subject, project: String, id: String, engine: AccessEngine, at day: Day,
                                in environment: Environment? = nil) {
        guard let token = engine.tree.token(project: project, id: id) else { return }
        if let environment, let own = token.environment?.value, own != environment {
            add(subject, reaching: .orgRole, chains: [])
            addNote("\(subject) is bound to the \(own.rawValue) environment of \(project); it holds nothing in \(environment.rawValue)")
            return
        }
        let access = engine.tokenAccess(token, at: day)
        for (_, chains) in access.scopes.sorted(by: { $0.key < $1.key }) {
            add(subject, reaching: .scopes(project: project, environment: token.environment?.value), chains: chains)
        }
        if access.scopes.isEmpty {
            add(subject, reaching: .orgRole, chains: [])
            addNote("\(subject) holds no scope: " + access.reasons.map(\.description).joined(separator: "; "))
        }
    }
}
