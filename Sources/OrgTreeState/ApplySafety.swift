import OrgTreeCore

/// Why an apply is refused before anything is written.
public struct ApplyRefusal: Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var details: [String]

    public var description: String {
        ([reason] + details.map { "  \($0)" }).joined(separator: "\n")
    }
}

/// The checks that keep an apply from locking people out or wiping access by accident.
public enum ApplySafety {
    /// Subjects that lose anything: an org permission, a project role lowered or removed,
    /// a project permission, a token scope. `before` holds the old effective rows of the
    /// subjects that change (read from the store), by subject.
    public static func subjectsLosingAccess(plan: StorePlan, before: [String: SubjectRows]) -> [String] {
        var losing: [String] = []
        let removed = Set(plan.removedSubjects)
        let changing = Set(before.keys).union(removed)
        guard !changing.isEmpty else { return [] }
        // The new rows of the subjects that had rows before (on a first apply: none).
        var after: [String: [EffectivePermissionRow]] = [:]
        for rows in plan.effective where changing.contains(rows.subject) { after[rows.subject] = rows.permissions }
        let rank: [String: Int] = ["token": 0, "template-reader": 1, "template-editor": 2, "reader": 3, "editor": 4, "owner": 5, "member": 1, "admin": 4]
        for subject in changing.sorted() {
            let old = before[subject]?.permissions ?? []
            // Permission (subject, project, permission) → role held.
            let new = Dictionary((after[subject] ?? []).map { ($0.key, $0.role) }, uniquingKeysWith: { a, _ in a })
            // A permission gone, or the same permission held under a lower role.
            let lost = old.contains { row in
                guard let role = new[row.key] else { return true }
                return (rank[role] ?? 0) < (rank[row.role] ?? 0)
            }
            if lost || removed.contains(subject) { losing.append(subject) }
        }
        return losing
    }

    /// Org members who lose what a project's default gave them: the project's default
    /// permissions shrink and the member has no access of their own there.
    public static func membersLosingDefaults(plan: StorePlan, desired: StoreSnapshot, matrix: AccessMatrix) -> [String] {
        let shrinking = Set(plan.changes.filter { $0.kind != .insert }.compactMap { $0.row(DefaultPermissionRow.self)?.project })
        guard !shrinking.isEmpty else { return [] }
        let privileged = Set(desired.orgRoles.map(\.person))
        return desired.people.map(\.id).filter { person in
            // Their `effective_access` rows: the projects with access (or `none`) of their own.
            !privileged.contains(person) && !shrinking.isSubset(of: matrix.specificProjects(of: .person(person)))
        }
    }

    /// Refusals for a plan, in the order they are checked.
    public static func check(plan: StorePlan, stored: StoredState, desired: StoreSnapshot,
                             losing: [String], maxRemovals: Int, actor: String?) -> [ApplyRefusal] {
        var refusals: [ApplyRefusal] = []
        let oldOwners = Set(stored.snapshot.orgRoles.filter { $0.role == "owner" }.map(\.person))
        let newOwners = Set(desired.orgRoles.filter { $0.role == "owner" }.map(\.person))
        if !oldOwners.isEmpty, oldOwners.isDisjoint(with: newOwners) {
            refusals.append(ApplyRefusal(
                reason: "refused: this apply removes every current owner (\(oldOwners.sorted().joined(separator: ", "))); keep at least one of them in roles.owners, then remove them in a later apply",
                details: []))
        }
        if losing.count > maxRemovals {
            refusals.append(ApplyRefusal(
                reason: "refused: \(losing.count) subjects would lose access, more than --max-removals \(maxRemovals); check the plan, then raise --max-removals if it is intended",
                details: losing.prefix(20).map { "loses access: \($0)" } + (losing.count > 20 ? ["… and \(losing.count - 20) more"] : [])))
        }
        if let actor {
            // The actor's role as the store has it; on an empty store (the first apply)
            // as the tree has it, since nobody holds a role yet.
            let source = stored.revision == 0 ? desired : stored.snapshot
            let role = source.orgRoles.first { $0.person == actor }?.role
                ?? (source.people.contains { $0.id == actor } ? "member" : nil)
            let notAllowed = actorViolations(plan: plan, actor: actor, role: role, stored: stored)
            if !notAllowed.isEmpty {
                let shown = notAllowed.prefix(20) + (notAllowed.count > 20 ? ["… and \(notAllowed.count - 20) more"] : [])
                refusals.append(ApplyRefusal(reason: "refused: \(actor) (\(role ?? "not a person of the organization")) may not make \(notAllowed.count) of these changes alone", details: Array(shown)))
            }
            let oldRole = role
            let newRole = desired.orgRoles.first { $0.person == actor }?.role
            if let oldRole, oldRole == "owner" || oldRole == "admin", newRole != oldRole, newRole != "owner" {
                refusals.append(ApplyRefusal(reason: "refused: this apply takes away \(actor)'s own \(oldRole) role; another owner must apply it", details: []))
            }
        }
        return refusals
    }

    /// Changes the actor may not make under the seed rules: only owners change owners,
    /// billing and `billing.manage`; members change nothing at org level and only
    /// projects they own.
    static func actorViolations(plan: StorePlan, actor: String, role: String?, stored: StoredState) -> [String] {
        if role == "owner" { return [] }
        var out: [String] = []
        let ownedProjects = Set(stored.snapshot.projectPeople.filter { $0.person == actor && $0.setting == "owner" }.map(\.project))
        for change in plan.changes {
            let key = change.key.joined(separator: "/")
            let ownerOnly: Bool
            if let roles = change.rows(OrgRoleRow.self) {
                ownerOnly = roles.before?.role == "owner" || roles.after?.role == "owner"
            } else if let grant = change.row(OrgGrantRow.self) {
                ownerOnly = grant.permission == OrgPermission.billingManage.rawValue
            } else if let org = change.rows(OrganizationRow.self) {
                let (a, b) = org
                ownerOnly = a?.planName != b?.planName || a?.planProjects != b?.planProjects || a?.planExtraProjects != b?.planExtraProjects
                    || a?.agreement != b?.agreement || a?.paymentMethod != b?.paymentMethod || a?.invoiceEmail != b?.invoiceEmail
            } else {
                ownerOnly = false
            }
            if ownerOnly {
                out.append("\(change.kind.rawValue) \(change.table) \(key): only an owner may change owners and billing")
                continue
            }
            if role == "admin" { continue }
            let projectTables: Set<String> = [ProjectPersonRow.table.name, ProjectTemplateRow.table.name, ProjectTeamRow.table.name,
                                              ProjectEnvironmentRow.table.name, HandoverAgentRow.table.name,
                                              FacebookAdminRow.table.name, ProjectPartnerRow.table.name, AgencyRoleRow.table.name]
            // The project of the changed row, for a table whose rows belong to one.
            let project = ((change.afterRow ?? change.beforeRow) as? any ProjectScopedRow)?.project
            let owned = project.map(ownedProjects.contains) ?? false
            if projectTables.contains(change.table), owned { continue }
            if change.table == ProjectRow.table.name, change.kind == .update, owned { continue }
            if change.table == DefaultPermissionRow.table.name || change.table == TokenRow.table.name, owned { continue }
            out.append("\(change.kind.rawValue) \(change.table) \(key): a member may change only projects they own")
        }
        return out
    }
}
