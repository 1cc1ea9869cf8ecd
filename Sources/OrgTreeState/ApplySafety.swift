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
    public static func subjectsLosingAccess(plan: StorePlan, before: [String: SubjectEffectiveRows]) -> [String] {
        var losing: [String] = []
        let removed = Set(plan.removedSubjects)
        let changing = Set(before.keys).union(removed)
        guard !changing.isEmpty else { return [] }
        // The new rows of the subjects that had rows before (on a first apply: none).
        var after: [String: [StoreSnapshot.Row]] = [:]
        for rows in plan.effective where changing.contains(rows.subject) { after[rows.subject] = rows.permissions }
        let rank: [String: Int] = ["token": 0, "template-reader": 1, "template-editor": 2, "reader": 3, "editor": 4, "owner": 5, "member": 1, "admin": 4]
        for subject in changing.sorted() {
            let old = before[subject]?.permissions ?? []
            // Permission (subject, project, permission) → role held.
            let new = Dictionary((after[subject] ?? []).map { (Array($0.prefix(3)), $0[3]) }, uniquingKeysWith: { a, _ in a })
            // A permission gone, or the same permission held under a lower role.
            let lost = old.contains { row in
                guard let role = new[Array(row.prefix(3))] else { return true }
                return (rank[role] ?? 0) < (rank[row[3]] ?? 0)
            }
            if lost || removed.contains(subject) { losing.append(subject) }
        }
        return losing
    }

    /// Org members who lose what a project's default gave them: the project's default
    /// permissions shrink and the member has no access of their own there.
    public static func membersLosingDefaults(plan: StorePlan, desired: StoreSnapshot, matrix: AccessMatrix) -> [String] {
        let shrinking = Set(plan.changes.filter { $0.table == StoreTables.defaultPermissions.name && $0.kind != .insert }.map { $0.key[0] })
        guard !shrinking.isEmpty else { return [] }
        let privileged = Set(desired.rows(StoreTables.orgRoles).map { $0[0] })
        return desired.rows(StoreTables.people).map { $0[0] }.filter { person in
            // Their `effective_access` rows: the projects with access (or `none`) of their own.
            !privileged.contains(person) && !shrinking.isSubset(of: matrix.specificProjects(of: .person(person)))
        }
    }

    /// Refusals for a plan, in the order they are checked.
    public static func check(plan: StorePlan, stored: StoredState, desired: StoreSnapshot,
                             losing: [String], maxRemovals: Int, actor: String?) -> [ApplyRefusal] {
        var refusals: [ApplyRefusal] = []
        let oldOwners = Set(stored.snapshot.rows(StoreTables.orgRoles).filter { $0[1] == "owner" }.map { $0[0] })
        let newOwners = Set(desired.rows(StoreTables.orgRoles).filter { $0[1] == "owner" }.map { $0[0] })
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
            let role = source.rows(StoreTables.orgRoles).first { $0[0] == actor }?[1]
                ?? (source.rows(StoreTables.people).contains { $0[0] == actor } ? "member" : nil)
            let notAllowed = actorViolations(plan: plan, actor: actor, role: role, stored: stored)
            if !notAllowed.isEmpty {
                let shown = notAllowed.prefix(20) + (notAllowed.count > 20 ? ["… and \(notAllowed.count - 20) more"] : [])
                refusals.append(ApplyRefusal(reason: "refused: \(actor) (\(role ?? "not a person of the organization")) may not make \(notAllowed.count) of these changes alone", details: Array(shown)))
            }
            let oldRole = role
            let newRole = desired.rows(StoreTables.orgRoles).first { $0[0] == actor }?[1]
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
        let ownedProjects = Set(stored.snapshot.rows(StoreTables.projectPeople).filter { $0[1] == actor && $0[2] == "owner" }.map { $0[0] })
        for change in plan.changes {
            let key = change.key.joined(separator: "/")
            let ownerOnly: Bool
            switch change.table {
            case StoreTables.orgRoles.name:
                ownerOnly = change.before?[1] == "owner" || change.after?[1] == "owner"
            case StoreTables.orgGrants.name:
                ownerOnly = change.key[1] == OrgPermission.billingManage.rawValue
            case StoreTables.organization.name:
                let billing = [3, 4, 5, 6, 7, 8]
                ownerOnly = billing.contains { change.before?[$0] != change.after?[$0] }
            default:
                ownerOnly = false
            }
            if ownerOnly {
                out.append("\(change.kind.rawValue) \(change.table) \(key): only an owner may change owners and billing")
                continue
            }
            if role == "admin" { continue }
            let projectTables: Set<String> = [StoreTables.projectPeople.name, StoreTables.projectTemplates.name, StoreTables.projectTeams.name,
                                              StoreTables.projectEnvironments.name, StoreTables.handoverAgents.name,
                                              StoreTables.facebookAdmins.name, StoreTables.projectPartners.name, StoreTables.agencyRoles.name]
            if projectTables.contains(change.table), ownedProjects.contains(change.key[0]) { continue }
            if change.table == StoreTables.projects.name, change.kind == .update, ownedProjects.contains(change.key[0]) { continue }
            if change.table == StoreTables.defaultPermissions.name || change.table == StoreTables.tokens.name, ownedProjects.contains(change.key[0]) { continue }
            out.append("\(change.kind.rawValue) \(change.table) \(key): a member may change only projects they own")
        }
        return out
    }
}
