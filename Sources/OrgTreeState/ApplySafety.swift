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

    /// Refusals for a plan, in the order they are checked. `approval` is the actor's
    /// refusal by the approvals model (`DeploymentApprovals`), if any.
    public static func check(plan: StorePlan, stored: StoredState, desired: StoreSnapshot,
                             losing: [String], maxRemovals: Int, actor: Subject?, approval: ApplyRefusal? = nil) -> [ApplyRefusal] {
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
                reason: "refused: \(counted(losing.count, "subject")) would lose access, more than --max-removals \(maxRemovals); check the plan, then raise --max-removals if it is intended",
                details: losing.prefix(20).map { "loses access: \($0)" } + (losing.count > 20 ? ["… and \(losing.count - 20) more"] : [])))
        }
        if let approval { refusals.append(approval) }
        if case .person(let actor)? = actor {
            // The actor's own org role: an owner or admin may not take it away alone. As the
            // store has it; on an empty store (the first apply) as the tree has it.
            let source = stored.revision == 0 ? desired : stored.snapshot
            let oldRole = source.orgRoles.first { $0.person == actor }?.role
            let newRole = desired.orgRoles.first { $0.person == actor }?.role
            if let oldRole, oldRole == "owner" || oldRole == "admin", newRole != oldRole, newRole != "owner" {
                refusals.append(ApplyRefusal(reason: "refused: this apply takes away \(actor)'s own \(oldRole) role; another owner must apply it", details: []))
            }
        }
        return refusals
    }
}
