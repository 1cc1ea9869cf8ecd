/// Compares effective access between OLD and NEW without visiting every subject ×
/// project pair. A subject's role on a project can only differ when something it
/// depends on differs, so the comparison looks only at:
/// - every project, for subjects added, removed, renamed or whose org role changed;
/// - for everyone else, the projects where an input of theirs changed: an entry of
///   theirs in a project's access or lists, a team of theirs (membership through
///   `includes`) or its role on a project, their agency's status or activations;
/// - projects whose default role changed: members without access of their own there
///   move with the default and are reported once, as a group; the others are compared
///   one by one.
/// Projects removed in NEW are reported as entities only (everyone loses access there);
/// on projects added in NEW, the ownership org owners and admins get by role is implied.
struct AccessComparison {
    /// One tree's engine and the indexes the comparison needs (a class: it is passed
    /// around for every pair compared, and copying its tables each time would cost).
    final class Side: Sendable {
        let engine: AccessEngine
        let owners: Set<String>
        let admins: Set<String>
        let grants: [String: Set<OrgPermission>]
        /// team → projects that give it a role.
        let projectsOfTeam: [String: [String]]
        /// `agency/person` → projects that set a partner role for them.
        let partnerProjects: [String: Set<String>]
        /// Every activation of an agency person on a project.
        let activations: Set<ActivationRow>

        var tree: OrgTree { engine.tree }

        init(_ engine: AccessEngine) {
            self.engine = engine
            let org = engine.tree.organization
            owners = Set(org?.owners.map(\.value) ?? [])
            admins = Set(org?.admins.map(\.value) ?? [])
            var grants: [String: Set<OrgPermission>] = [:]
            for (permission, people) in org?.permissions ?? [] {
                for person in people { grants[person.value, default: []].insert(permission.value) }
            }
            self.grants = grants
            var teams: [String: [String]] = [:]
            var partners: [String: Set<String>] = [:]
            for id in engine.tree.projectIDs {
                let project = engine.tree.projects[id]!
                for (team, _) in project.teams { teams[team.value, default: []].append(id) }
                for partner in project.partners {
                    for (subject, _) in partner.people { partners[subject.value, default: []].insert(id) }
                }
            }
            projectsOfTeam = teams
            partnerProjects = partners
            var activations = Set<ActivationRow>()
            for (agency, partner) in engine.tree.partners {
                for (project, people) in partner.activations {
                    for person in people { activations.insert(ActivationRow(agency: agency, project: project.value, person: person.value)) }
                }
            }
            self.activations = activations
        }

        /// The org role of a subject: the engine's `orgRoleOnly(of:)` for an org person
        /// of this tree, nil for anyone else.
        func orgRole(of subject: Subject?) -> OrgRole? {
            guard case .person(let id)? = subject else { return nil }
            return engine.orgRoleOnly(of: id)
        }

        func exists(_ subject: Subject) -> Bool {
            switch subject {
            case .token(let project, let token): return tree.token(project: project, id: token) != nil
            default: return tree.hasPerson(subject)
            }
        }

        /// Members of a team through nested includes.
        func members(of team: String) -> Dictionary<String, MemberRoute>.Keys? {
            engine.membersOf[team]?.keys
        }
    }

    let old: Side
    let new: Side
    let matching: SubjectMatching
    let day: Day
    let workers: Int
    let provenance: DiffProvenanceScope

    init(old: AccessEngine, new: AccessEngine, matching: SubjectMatching, day: Day, workers: Int,
         provenance: DiffProvenanceScope = .everyProject) {
        self.old = Side(old)
        self.new = Side(new)
        self.matching = matching
        self.day = day
        self.workers = workers
        self.provenance = provenance
    }

    /// Subjects of both trees (people and agency people), each once, in NEW's terms:
    /// org people sorted by id, then agency people sorted by `agency/person`.
    private func identities() -> [Subject] {
        var people = Set(new.tree.people.keys)
        var agencyPeople = Set<String>()
        for (agency, members) in new.tree.agencyPeople {
            for id in members.keys { agencyPeople.insert("\(agency)/\(id)") }
        }
        for id in old.tree.people.keys where new.tree.people[id] == nil { people.insert(matching.newKey(id)) }
        for (agency, members) in old.tree.agencyPeople {
            for id in members.keys { agencyPeople.insert(matching.newKey("\(agency)/\(id)")) }
        }
        // Keys compare as plain strings: much cheaper than comparing subjects.
        return people.sorted().map(Subject.person) + agencyPeople.sorted().compactMap(Subject.init)
    }

    private func oldSubject(_ identity: Subject) -> Subject? {
        let s = matching.oldSubject(identity)
        return old.exists(s) ? s : nil
    }

    private func newSubject(_ identity: Subject) -> Subject? {
        new.exists(identity) ? identity : nil
    }

    func changes() -> [DiffChange] {
        let identities = identities()
        var result: [DiffChange] = []
        var everywhere = Set<Subject>()
        var candidates: [Subject: Set<String>] = [:]

        // Org level; who must be compared on every project: people added, removed or
        // renamed, and those whose org role or single grants differ.
        let lastOwnerGoes = lastOwnerRemoved()
        let creator = creatorKey()
        var orgCandidates = Set<String>()
        for id in old.owners.symmetricDifference(new.owners).union(old.admins.symmetricDifference(new.admins)) {
            orgCandidates.insert(matching.newKey(id))
        }
        for (id, grants) in old.grants where new.grants[matching.newKey(id)] != grants { orgCandidates.insert(matching.newKey(id)) }
        for (id, grants) in new.grants where old.grants[matching.oldSubject(.person(id)).description] != grants { orgCandidates.insert(id) }
        for id in old.tree.people.keys where new.tree.people.index(forKey: id) == nil { orgCandidates.insert(matching.newKey(id)) }
        for id in new.tree.people.keys where old.tree.people.index(forKey: id) == nil { orgCandidates.insert(id) }
        for (agency, members) in old.tree.agencyPeople {
            for id in members.keys where !new.tree.hasPerson(.agencyPerson(agency: agency, person: id)) {
                everywhere.insert(matching.newSubject(.agencyPerson(agency: agency, person: id)))
            }
        }
        for (agency, members) in new.tree.agencyPeople {
            for id in members.keys where !old.tree.hasPerson(.agencyPerson(agency: agency, person: id)) {
                everywhere.insert(.agencyPerson(agency: agency, person: id))
            }
        }
        for newID in orgCandidates.sorted() {
            let identity = Subject.person(newID)
            let o = oldSubject(identity), n = newSubject(identity)
            if o == nil || n == nil || o != n { everywhere.insert(identity) }
            let oldID: String? = if case .person(let id)? = o { id } else { nil }
            let oldRole = old.orgRole(of: o), newRole = new.orgRole(of: n)
            if oldRole != newRole { everywhere.insert(identity) }
            let oldGrants = oldID.flatMap { old.grants[$0] } ?? [], newGrants = n == nil ? [] : new.grants[newID] ?? []
            if oldRole != newRole || oldGrants != newGrants {
                result += orgChanges(identity, o, n, oldRole, newRole, lastOwnerGoes: lastOwnerGoes, isCreator: newID == creator)
            }
        }

        func add(_ subject: Subject, _ projects: [String]) {
            guard !projects.isEmpty else { return }
            candidates[subject, default: []].formUnion(projects)
        }
        func add(_ key: String, _ projects: [String]) {
            if let subject = Subject(key) { add(subject, projects) }
        }

        // Team membership, through includes.
        for team in Set(old.engine.membersOf.keys).union(new.engine.membersOf.keys) {
            let before = Set((old.members(of: team)).map { $0.map(matching.newKey) } ?? [])
            let after = Set(new.members(of: team).map(Array.init) ?? [])
            guard before != after else { continue }
            let projects = (old.projectsOfTeam[team] ?? []) + (new.projectsOfTeam[team] ?? [])
            for person in before.symmetricDifference(after) { add(person, projects) }
        }

        // Projects whose access entries, lists, team roles or partner grants changed.
        var defaultChanged: [String] = []
        for id in new.tree.projectIDs {
            guard let after = new.tree.projects[id] else { continue }
            guard let before = old.tree.projects[id] else {
                for key in specificKeys(id, in: new, mapped: false) { add(key, [id]) }
                if new.engine.defaultSetting(on: id).setting.role != nil { defaultChanged.append(id) }
                continue
            }
            let a = ProjectShape(before, map: matching.newKey), b = ProjectShape(after, map: { $0 })
            if old.engine.defaultSetting(on: id).setting != new.engine.defaultSetting(on: id).setting {
                defaultChanged.append(id)
                for key in specificKeys(id, in: old, mapped: true).union(specificKeys(id, in: new, mapped: false)) { add(key, [id]) }
                continue
            }
            guard a != b else { continue }
            for key in a.changedKeys(to: b) { add(key, [id]) }
            for team in a.changedTeams(to: b) {
                for key in old.members(of: team).map({ $0.map(matching.newKey) }) ?? [] { add(key, [id]) }
                for key in new.members(of: team).map(Array.init) ?? [] { add(key, [id]) }
            }
        }

        // Agencies: status and activations.
        for agency in Set(old.tree.partners.keys).union(new.tree.partners.keys) {
            let wasActive = old.tree.partners[agency]?.status?.value == .active
            let isActive = new.tree.partners[agency]?.status?.value == .active
            if wasActive != isActive {
                let people = Set((old.tree.agencyPeople[agency] ?? [:]).keys.map { matching.newSubject(.agencyPerson(agency: agency, person: $0)) })
                    .union((new.tree.agencyPeople[agency] ?? [:]).keys.map { Subject.agencyPerson(agency: agency, person: $0) })
                for subject in people {
                    add(subject, Array(old.partnerProjects[matching.oldSubject(subject).description] ?? [])
                        + Array(new.partnerProjects[subject.description] ?? []))
                }
            }
        }
        // OLD's activations in NEW's terms (a renamed agency person keeps theirs).
        let oldActivations = Set(old.activations.map { ActivationRow(matching.newSubject($0.subject), on: $0.project) ?? $0 })
        for activation in oldActivations.symmetricDifference(new.activations) {
            add(activation.subject, [activation.project])
        }

        // Default roles: members without access of their own move as a group.
        result += defaultChanges(defaultChanged, identities: identities, everywhere: everywhere)

        // People added or removed as a whole, unless their org role makes them owners of
        // every project, are compared one by one only where they have (or had) access of
        // their own; where the default is all they get (or had), they move as a group.
        // Comparing them on every project would cost people × projects (a plan against an
        // empty store adds everyone).
        let wholes: [Subject: DefaultRoleChange.Movers] = Dictionary(uniqueKeysWithValues: identities.compactMap { identity in
            guard everywhere.contains(identity) else { return nil }
            return wholeMove(identity).map { (identity, $0) }
        })
        let own = wholes.isEmpty ? (old: [:], new: [:]) : (old: projectsOwned(in: old), new: projectsOwned(in: new))
        for movers in [DefaultRoleChange.Movers.added, .removed] {
            let subjects = identities.filter { identity in
                guard wholes[identity] == movers, case .person(let id) = movers == .added ? identity : matching.oldSubject(identity) else { return false }
                return (movers == .added ? new : old).engine.orgRoleOnly(of: id) == .member
            }
            result += wholeDefaultChanges(subjects, movers)
        }

        // Precise comparison where something may have changed.
        let allProjects = new.tree.projectIDs
        let work: [(Subject, [String])] = identities.compactMap { identity in
            if let movers = wholes[identity] {
                let owned = movers == .added ? own.new[identity.description] : own.old[matching.oldSubject(identity).description]
                let projects = Set(owned ?? []).union(candidates[identity] ?? [])
                return projects.isEmpty ? nil : (identity, projects.sorted())
            }
            if everywhere.contains(identity) { return (identity, allProjects) }
            guard let projects = candidates[identity] else { return nil }
            return (identity, projects.sorted())
        }
        result += ConcurrentMap.map(work, workers: workers) { compareProjects($0.0, $0.1) }.joined()

        // Tokens whose owner's access on their project, or the token itself, may have changed.
        let defaults = Set(defaultChanged)
        result += tokenChanges { token, project in
            guard let owner = token.owner.flatMap({ Subject($0.value) }) else { return true }
            return everywhere.contains(owner) || defaults.contains(project) || candidates[owner]?.contains(project) == true
        }
        return result
    }

    // MARK: Org level

    /// True when no owner of OLD is an owner in NEW.
    private func lastOwnerRemoved() -> Bool {
        let before = Set(old.owners.filter { old.tree.people[$0] != nil }.map(matching.newKey))
        let after = new.owners.filter { new.tree.people[$0] != nil }
        return !before.isEmpty && before.isDisjoint(with: after)
    }

    /// The creator of the organization (`createdBy`) as a key of NEW: NEW's record, else OLD's.
    private func creatorKey() -> String? {
        new.tree.organization?.createdBy?.value ?? old.tree.organization?.createdBy.map { matching.newKey($0.value) }
    }

    private func orgChanges(_ identity: Subject, _ o: Subject?, _ n: Subject?, _ oldRole: OrgRole?, _ newRole: OrgRole?,
                            lastOwnerGoes: Bool, isCreator: Bool) -> [DiffChange] {
        let before = o.map(old.engine.orgPermissions(of:)) ?? [:]
        let after = n.map(new.engine.orgPermissions(of:)) ?? [:]
        let gained = Set(after.keys).subtracting(before.keys).sorted()
        let lost = Set(before.keys).subtracting(after.keys).sorted()
        let renamed = o != nil && o != identity ? o : nil
        func chains(_ permissions: [OrgPermission], _ map: [OrgPermission: [Provenance]]) -> [Provenance] {
            Array(Set(permissions.flatMap { map[$0] ?? [] })).sorted()
        }
        if oldRole != newRole {
            let oldChain: Provenance? = if case .person(let id)? = o { old.engine.orgRole(of: id)?.chain } else { nil }
            let newChain: Provenance? = if case .person(let id)? = n { new.engine.orgRole(of: id)?.chain } else { nil }
            var change = DiffChange(subject: identity, renamedFrom: renamed,
                                    detail: .orgRole(from: oldRole, to: newRole, gained: gained, lost: lost),
                                    risk: .low, riskReasons: [], approvers: [],
                                    via: Array(Set((newChain.map { [$0] } ?? []) + chains(gained, after))).sorted(),
                                    wasVia: Array(Set((oldChain.map { [$0] } ?? []) + chains(lost, before))).sorted())
            DiffRiskRules.orgRole(&change, from: oldRole, to: newRole, gained: gained, lost: lost,
                                  lastOwnerGoes: lastOwnerGoes, creatorGoes: isCreator)
            return [change]
        }
        return (gained.map { ($0, true) } + lost.map { ($0, false) }).map { permission, isGain in
            var change = DiffChange(subject: identity, renamedFrom: renamed, detail: .orgPermission(permission, gained: isGain),
                                    risk: .low, riskReasons: [], approvers: [],
                                    via: isGain ? after[permission] ?? [] : [], wasVia: isGain ? [] : before[permission] ?? [])
            DiffRiskRules.orgPermission(&change, permission, gained: isGain)
            return change
        }
    }

    // MARK: Projects

    /// Keys of every subject with access of its own on a project: entries, lists,
    /// partner grants, activations and the members of its teams.
    private func specificKeys(_ project: String, in side: Side, mapped: Bool) -> Set<String> {
        guard let p = side.tree.projects[project] else { return [] }
        var keys = Set(p.namedSubjects)
        for (team, _) in p.teams { keys.formUnion(side.members(of: team.value) ?? [:].keys) }
        return mapped ? Set(keys.map(matching.newKey)) : keys
    }

    /// What a subject holds on a project, without the chains behind it: what decides
    /// whether its access there changed, and how the change is grouped.
    private struct Standing {
        var held: HeldRole
        var permissions: Set<ProjectPermission>
        var byOrgRole: Bool

        func same(as other: Standing?) -> Bool {
            guard let other else { return false }
            return held == other.held && permissions == other.permissions
        }
    }

    /// `orgRole` is the subject's org role on that side (`Side.orgRole(of:)`), looked up
    /// once per subject by the caller rather than once per project.
    private func standing(_ side: Side, _ subject: Subject?, _ project: String, orgRole: OrgRole?) -> Standing? {
        guard let subject, let held = side.engine.roleOnly(of: subject, on: project) else { return nil }
        return Standing(held: held, permissions: side.engine.permissionKeys(held, of: subject, on: project),
                        byOrgRole: orgRole?.isProjectOwnerEverywhere ?? false)
    }

    /// The chains of a subject's access on a project, and of each of its permissions.
    private func access(_ side: Side, _ subject: Subject?, _ project: String) -> (chains: [Provenance], permissions: [ProjectPermission: PermissionGrant])? {
        guard let subject, side.tree.projects.index(forKey: project) != nil else { return nil }
        let access = side.engine.projectAccess(of: subject, on: project)
        guard access.role != nil else { return nil }
        return (access.chains, side.engine.permissions(from: access, of: subject, on: project))
    }

    private struct GroupKey: Hashable {
        var from: HeldRole?
        var to: HeldRole?
        var gained: [ProjectPermission]
        var lost: [ProjectPermission]
        /// The org role changed on its own: owner or admin gained or lost.
        var orgRole: OrgRole?
    }

    /// The subject's access changes on `projects`, grouped by how it changes: compared
    /// without chains, then the chains of the projects `provenance` keeps.
    private func compareProjects(_ identity: Subject, _ projects: [String]) -> [DiffChange] {
        let o = oldSubject(identity), n = newSubject(identity)
        let oldRole = old.orgRole(of: o), newRole = new.orgRole(of: n)
        // On a project added in NEW, the ownership an org owner or admin of NEW gets by
        // role is implied, not reported: only the projects OLD has can change for them
        // (an owner added to the organization would otherwise cost every project).
        let projects = newRole?.isProjectOwnerEverywhere == true
            ? (old.tree.projects.isEmpty ? [] : projects.filter { old.tree.projects.index(forKey: $0) != nil })
            : projects
        var groups: [GroupKey: [String]] = [:]
        var order: [GroupKey] = []
        var activationChanged: [GroupKey: Bool] = [:]
        // Projects removed in NEW are entity changes only.
        for project in projects where new.tree.projects.index(forKey: project) != nil {
            let existed = old.tree.projects.index(forKey: project) != nil
            let a = existed ? standing(old, o, project, orgRole: oldRole) : nil
            let b = standing(new, n, project, orgRole: newRole)
            if a == nil && b == nil { continue }
            if !existed, b?.byOrgRole == true { continue }
            if let a, a.same(as: b) { continue }
            let before = a?.permissions ?? [], after = b?.permissions ?? []
            let byRole = (a?.byOrgRole ?? false) != (b?.byOrgRole ?? false)
            let role = byRole ? [oldRole, newRole].compactMap { $0 }.max() : nil
            let key = GroupKey(from: a?.held, to: b?.held, gained: after.subtracting(before).sorted(),
                               lost: before.subtracting(after).sorted(), orgRole: role)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(project)
            if case .agencyPerson = identity {
                let before = ActivationRow(matching.oldSubject(identity), on: project).map(old.activations.contains) ?? false
                let after = ActivationRow(identity, on: project).map(new.activations.contains) ?? false
                activationChanged[key] = (activationChanged[key] ?? false) || before != after
            }
        }
        let renamed = o != nil && o != identity ? o : nil
        return order.map { key in
            let ids = groups[key]!
            var change = DiffChange(subject: identity, renamedFrom: renamed,
                                    detail: .projectAccess(ProjectAccessChange(from: key.from, to: key.to, gained: key.gained, lost: key.lost,
                                                                               projects: ids.map { ProjectProvenance(project: $0, via: [], wasVia: []) })),
                                    risk: .low, riskReasons: [], approvers: [], via: [], wasVia: [])
            DiffRiskRules.projectAccess(&change, activationChanged: activationChanged[key] ?? false, orgRole: key.orgRole)
            let traced = provenance.tracedProjects(of: ids.count, risk: change.risk)
            guard traced > 0, case .projectAccess(var p) = change.detail else { return change }
            for i in 0..<traced {
                let project = ids[i]
                let a = old.tree.projects.index(forKey: project) != nil ? access(old, o, project) : nil
                let b = access(new, n, project)
                var via = b?.chains ?? [], wasVia = a?.chains ?? []
                for permission in key.gained { via += (b?.permissions[permission]?.chains ?? []).filter { !via.contains($0) } }
                for permission in key.lost { wasVia += (a?.permissions[permission]?.chains ?? []).filter { !wasVia.contains($0) } }
                p.projects[i] = ProjectProvenance(project: project, via: via, wasVia: wasVia)
            }
            change.detail = .projectAccess(p)
            return change
        }
    }

    // MARK: Default roles

    private struct DefaultKey: Hashable {
        var from: EffectiveRole?
        var to: EffectiveRole?
        var orgDefault: Bool
    }

    /// Added when NEW has the subject and OLD does not, removed the other way round; nil
    /// for anyone else, and for an org owner or admin (owners of every project).
    private func wholeMove(_ identity: Subject) -> DefaultRoleChange.Movers? {
        let o = oldSubject(identity), n = newSubject(identity)
        if o == nil, let n, new.orgRole(of: n)?.isProjectOwnerEverywhere != true { return .added }
        if n == nil, let o, old.orgRole(of: o)?.isProjectOwnerEverywhere != true { return .removed }
        return nil
    }

    /// Subject key (the side's own) → the projects where it has access of its own.
    private func projectsOwned(in side: Side) -> [String: [String]] {
        var owned: [String: [String]] = [:]
        for project in side.tree.projectIDs {
            for key in specificKeys(project, in: side, mapped: false) { owned[key, default: []].append(project) }
        }
        return owned
    }

    /// One project's default before and after, and who has access of their own there.
    private struct DefaultMove {
        var project: String
        var before: (setting: RoleSetting, step: ProvenanceStep)?
        var after: (setting: RoleSetting, step: ProvenanceStep)?
        var ownDefault: Bool
        var specific: Set<String>
    }

    private func defaultChanges(_ projects: [String], identities: [Subject], everywhere: Set<Subject>) -> [DiffChange] {
        guard !projects.isEmpty else { return [] }
        // Members in both trees whose org role did not change.
        let eligible: [Subject] = identities.filter { identity in
            guard case .person(let id) = identity, !everywhere.contains(identity) else { return false }
            return new.engine.orgRoleOnly(of: id) == .member
        }
        // Projects removed in NEW are entity changes only.
        let moves = projects.filter { new.tree.projects[$0] != nil }.map { project in
            let existed = old.tree.projects[project] != nil
            return DefaultMove(project: project, before: existed ? old.engine.defaultSetting(on: project) : nil,
                               after: new.engine.defaultSetting(on: project),
                               ownDefault: new.tree.projects[project]?.accessDefault != nil || old.tree.projects[project]?.accessDefault != nil,
                               specific: specificKeys(project, in: new, mapped: false)
                                   .union(existed ? specificKeys(project, in: old, mapped: true) : []))
        }
        return grouped(moves, subjects: eligible, movers: .members)
    }

    /// The default role people added get (or people removed held) on every project of
    /// NEW that has one (that OLD had, for people removed).
    private func wholeDefaultChanges(_ subjects: [Subject], _ movers: DefaultRoleChange.Movers) -> [DiffChange] {
        guard !subjects.isEmpty else { return [] }
        let moves: [DefaultMove] = new.tree.projectIDs.compactMap { project in
            if movers == .added {
                let after = new.engine.defaultSetting(on: project)
                guard after.setting.role != nil else { return nil }
                return DefaultMove(project: project, before: nil, after: after,
                                   ownDefault: new.tree.projects[project]?.accessDefault != nil,
                                   specific: specificKeys(project, in: new, mapped: false))
            }
            guard old.tree.projects[project] != nil else { return nil }
            let before = old.engine.defaultSetting(on: project)
            guard before.setting.role != nil else { return nil }
            return DefaultMove(project: project, before: before, after: nil,
                               ownDefault: old.tree.projects[project]?.accessDefault != nil,
                               specific: specificKeys(project, in: old, mapped: true))
        }
        return grouped(moves, subjects: subjects, movers: movers)
    }

    /// Projects grouped by their move (from, to, whose default); each group names the
    /// subjects that lack access of their own on at least one of its projects.
    private func grouped(_ moves: [DefaultMove], subjects: [Subject], movers: DefaultRoleChange.Movers) -> [DiffChange] {
        var groups: [DefaultKey: (projects: [ProjectProvenance], common: Set<String>?)] = [:]
        for move in moves {
            let key = DefaultKey(from: move.before?.setting.role.map(EffectiveRole.init), to: move.after?.setting.role.map(EffectiveRole.init),
                                 orgDefault: !move.ownDefault)
            var group = groups[key] ?? ([], nil)
            group.projects.append(ProjectProvenance(project: move.project, via: move.after.map { [Provenance([$0.step])] } ?? [],
                                                    wasVia: move.before.map { [Provenance([$0.step])] } ?? []))
            group.common = group.common.map { $0.intersection(move.specific) } ?? move.specific
            groups[key] = group
        }
        return groups.keys.sorted { ($0.from?.rawValue ?? "", $0.to?.rawValue ?? "", $0.orgDefault ? 0 : 1) < ($1.from?.rawValue ?? "", $1.to?.rawValue ?? "", $1.orgDefault ? 0 : 1) }
            .compactMap { key in
                let group = groups[key]!
                let common = group.common ?? []
                let movingSubjects = subjects.filter { !common.contains($0.description) }
                guard !movingSubjects.isEmpty else { return nil }
                var change = DiffChange(subject: nil, renamedFrom: nil,
                                        detail: .defaultRole(DefaultRoleChange(from: key.from, to: key.to, fromOrgDefault: key.orgDefault,
                                                                               projects: group.projects, subjects: movingSubjects, movers: movers)),
                                        risk: .low, riskReasons: [], approvers: [], via: [], wasVia: [])
                DiffRiskRules.defaultRole(&change)
                return change
            }
    }

    // MARK: Tokens

    /// Compares the effective scopes of every token that is new, removed, edited, on a
    /// project whose environments changed, or whose owner's access there `mayHaveChanged`.
    private func tokenChanges(ownerAccessMayHaveChanged: (TokenDocument, String) -> Bool) -> [DiffChange] {
        var work: [(Subject, TokenDocument?, TokenDocument?)] = []
        for project in Set(old.tree.tokens.keys).union(new.tree.tokens.keys).sorted() {
            let before = Dictionary((old.tree.tokens[project] ?? []).map { ($0.id.value, $0) }) { first, _ in first }
            let after = Dictionary((new.tree.tokens[project] ?? []).map { ($0.id.value, $0) }) { first, _ in first }
            let environments = Set(old.tree.projects[project]?.environments.map(\.value) ?? [])
                != Set(new.tree.projects[project]?.environments.map(\.value) ?? [])
            for id in Set(before.keys).union(after.keys).sorted() {
                let a = before[id], b = after[id]
                if let a, let b, !environments, TokenShape(a, map: matching.newKey) == TokenShape(b, map: { $0 }),
                   !ownerAccessMayHaveChanged(b, project) { continue }
                work.append((.token(project: project, token: id), a, b))
            }
        }
        return ConcurrentMap.map(work, workers: workers) { subject, token, newToken -> DiffChange? in
            guard case .token(let project, _) = subject else { return nil }
            let a = token.map { old.engine.tokenAccess($0, at: day) }
            let b = newToken.map { new.engine.tokenAccess($0, at: day) }
            let before = Set(a?.scopes.keys ?? [:].keys), after = Set(b?.scopes.keys ?? [:].keys)
            // Scopes hold in the token's environment only: a token that moves to another
            // environment loses every scope in the old one and gains them in the new one.
            let wasIn = token?.environment?.value, isIn = newToken?.environment?.value
            let moved = wasIn != isIn && !before.isEmpty && !after.isEmpty
            guard before != after || moved else { return nil }
            let gained = moved ? after.sorted() : after.subtracting(before).sorted()
            let lost = moved ? before.sorted() : before.subtracting(after).sorted()
            let detail = TokenScopeChange(
                gained: gained, lost: lost,
                suspended: b != nil && after.isEmpty ? b!.reasons : [],
                restored: a != nil && before.isEmpty ? a!.reasons : [],
                added: a == nil, removed: b == nil,
                environment: newToken == nil ? wasIn : isIn, movedFrom: moved ? wasIn : nil)
            var change = DiffChange(subject: subject, renamedFrom: nil, detail: .tokenScopes(detail),
                                    risk: .low, riskReasons: [], approvers: [],
                                    via: gained.flatMap { b?.scopes[$0] ?? [] }, wasVia: lost.flatMap { a?.scopes[$0] ?? [] })
            DiffRiskRules.tokenScopes(&change, project: project)
            return change
        }.compactMap { $0 }
    }
}

/// What a token's own file says, compared by value.
struct TokenShape: Equatable {
    var owner: String?
    var environment: Environment?
    var scopes: Set<TokenScope>
    var expires: Day?

    init(_ token: TokenDocument, map: (String) -> String) {
        owner = token.owner.map { map($0.value) }
        environment = token.environment?.value
        scopes = Set(token.scopes.map(\.value))
        expires = token.expires?.value
    }
}

/// What a project's access says, in a form that compares equal when only formatting,
/// order or source positions changed. Read the way the access engine reads it.
struct ProjectShape: Equatable {
    var people: [String: RoleSetting] = [:]
    var templates: [String: Template] = [:]
    var teams: [String: ProjectRole] = [:]
    var agents: Set<String> = []
    var facebookAdmins: Set<String> = []
    var enabled: [String: Bool] = [:]
    var partnerPeople: [String: ProjectRole] = [:]

    struct Template: Equatable {
        var role: TemplateRole?
        var templates: Set<String>
    }

    init(_ project: ProjectDocument, map: (String) -> String) {
        for (person, setting) in project.people where people[map(person.value)] == nil {
            people[map(person.value)] = setting.value
        }
        for grant in project.templates where templates[map(grant.person.value)] == nil {
            templates[map(grant.person.value)] = Template(role: grant.role?.value, templates: Set(grant.templates.map(\.value)))
        }
        for (team, role) in project.teams { teams[team.value] = max(teams[team.value] ?? role.value, role.value) }
        agents = Set(project.handoverAgents.map { map($0.value) })
        facebookAdmins = Set(project.facebookAdmins.map { map($0.value) })
        for partner in project.partners {
            enabled[partner.agency.value] = partner.enabled?.value ?? false
            for (subject, role) in partner.people { partnerPeople[map(subject.value)] = role.value }
        }
    }

    /// Subject keys whose own entries differ.
    func changedKeys(to other: ProjectShape) -> Set<String> {
        var keys = Set<String>()
        func differing<V: Equatable>(_ a: [String: V], _ b: [String: V]) {
            for key in Set(a.keys).union(b.keys) where a[key] != b[key] { keys.insert(key) }
        }
        differing(people, other.people)
        differing(templates, other.templates)
        differing(partnerPeople, other.partnerPeople)
        keys.formUnion(agents.symmetricDifference(other.agents))
        keys.formUnion(facebookAdmins.symmetricDifference(other.facebookAdmins))
        for agency in Set(enabled.keys).union(other.enabled.keys) where enabled[agency] != other.enabled[agency] {
            keys.formUnion((Array(partnerPeople.keys) + Array(other.partnerPeople.keys)).filter { $0.hasPrefix(agency + "/") })
        }
        return keys
    }

    /// Teams whose role on the project differs.
    func changedTeams(to other: ProjectShape) -> [String] {
        Set(teams.keys).union(other.teams.keys).filter { teams[$0] != other.teams[$0] }.sorted()
    }
}
