/// The same answers as `orgRole(of:)`, `orgPermissions(of:)`, `projectAccess(of:on:)` and
/// `permissions(from:of:on:)`, without the chains and reasons behind them: what the state
/// store keeps for every subject, at a fraction of the cost. The precedence is the one of
/// `projectAccess` (docs/access-model.md §4); `AccessRoleTests` checks both agree on every subject ×
/// project of generated trees.
extension AccessEngine {
    /// An org person's role, nil for someone who is not a person of the organization.
    public func orgRoleOnly(of person: String) -> OrgRole? {
        guard tree.people.index(forKey: person) != nil else { return nil }
        if ownerEntries[person] != nil { return .owner }
        if adminEntries[person] != nil { return .admin }
        return .member
    }

    /// Org permissions of an org person, sorted.
    public func orgPermissionsOnly(of person: String) -> [OrgPermission] {
        guard let role = orgRoleOnly(of: person) else { return [] }
        var result = Set(role.permissions)
        for grant in orgGrants[person] ?? [] { result.insert(grant.permission) }
        return result.sorted()
    }

    /// Whether the person is a member of the team, through includes too.
    func isMember(_ person: String, of team: String) -> Bool {
        guard let position = teamGraph.index[team] else { return false }
        return memberRoutes[position][person] != nil
    }

    /// A subject's role on a project, nil when it has none there.
    public func roleOnly(of subject: Subject, on projectID: String) -> HeldRole? {
        guard let index = projectIndex[projectID] else { return nil }
        switch subject {
        case .person(let person):
            guard let orgRole = orgRoleOnly(of: person) else { return nil }
            if orgRole.isProjectOwnerEverywhere { return HeldRole(role: .owner) }
            if let explicit = index.setting(of: person) {
                return explicit.value.role.map { HeldRole(role: EffectiveRole($0)) }
            }
            if let grant = index.templates[person], let role = grant.role {
                return HeldRole(role: EffectiveRole(role.value), templates: grant.templates.map(\.value).sorted())
            }
            var best = (index.defaultStep ?? orgDefault).setting.role
            for (team, role) in index.teams where isMember(person, of: team.value) {
                best = max(best ?? role.value, role.value)
            }
            return best.map { HeldRole(role: EffectiveRole($0)) }
        case .agencyPerson(let agency, let person):
            guard tree.agencyPeople[agency]?[person] != nil,
                  tree.partners[agency]?.status?.value == .active,
                  index.partners[agency]?.enabled?.value == true,
                  activations[agency]?[index.id]?[person] != nil,
                  let role = index.partnerPeople["\(agency)/\(person)"]?.value, role != .owner else { return nil }
            return HeldRole(role: EffectiveRole(role))
        case .token:
            return nil
        }
    }

    /// The permissions `permissions(from:of:on:)` gives with a held role, without their
    /// chains: those limited to templates included.
    public func permissionKeys(_ held: HeldRole, of subject: Subject, on projectID: String) -> Set<ProjectPermission> {
        let role = held.role
        var result = Set(role.basePermissions).union(role.templatePermissions)
        let hasFacebookID = hasFacebookID(subject)
        if !hasFacebookID { result.remove(.analyticsFacebook) }
        guard role != .owner, let index = projectIndex[projectID] else { return result }
        let key = subject.description
        if hasFacebookID, index.facebookAdmins[key] != nil, role >= .editor, !role.isTemplateRole { result.insert(.analyticsFacebook) }
        if index.agents[key] != nil { result.insert(.handover) }
        return result
    }

    /// The permissions a role gives on the whole project (not those limited to templates),
    /// with `analytics.facebook` and `handover` from the project's lists; sorted.
    /// `analytics.facebook` needs a Facebook ID, also for owners.
    public func wholeProjectPermissions(_ held: HeldRole, of subject: Subject, on projectID: String) -> [ProjectPermission] {
        var result = Set(held.role.basePermissions)
        if !held.isLimitedToTemplates { result.formUnion(held.role.templatePermissions) }
        let hasFacebookID = hasFacebookID(subject)
        if !hasFacebookID { result.remove(.analyticsFacebook) }
        if held.role != .owner, let index = projectIndex[projectID] {
            let key = subject.description
            if hasFacebookID, index.facebookAdmins[key] != nil, held.role >= .editor, !held.role.isTemplateRole { result.insert(.analyticsFacebook) }
            if index.agents[key] != nil { result.insert(.handover) }
        }
        return result.sorted()
    }

    /// Whether a role gives `permission` on a project, on the whole project or on some
    /// templates only: whether `permissions(from:of:on:)` holds it, without the chains.
    public func gives(_ permission: ProjectPermission, _ held: HeldRole, to subject: Subject, on projectID: String) -> Bool {
        guard let index = projectIndex[projectID] else { return false }
        let role = held.role
        if permission == .analyticsFacebook && !hasFacebookID(subject) { return false }
        if role.basePermissions.contains(permission) || role.templatePermissions.contains(permission) { return true }
        guard role != .owner else { return false }
        switch permission {
        case .analyticsFacebook:
            return index.facebookAdmins[subject.description] != nil && role >= .editor && !role.isTemplateRole
        case .handover:
            return index.agents[subject.description] != nil
        default:
            return false
        }
    }
}
