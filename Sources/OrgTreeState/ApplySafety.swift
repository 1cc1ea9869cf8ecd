import OrgTreeCore

/// Why an apply is refused before anything is written.
public struct ApplyRefusal: Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var details: [String]

    public var description: String {
        ([reason] + details.map { "  \($0)" }).joined(separator: "\n")
    }
}

/// A subject that would lose access, and what it would lose, in the tree's words:
/// `kai would lose editor on helpdesk (now reader)`, `emil would lose reader on
/// internal-faq (the project's default, now none)`, `token:shop/ci-deploy would lose
/// scopes content:write in production`.
public struct AccessLoss: Sendable, Equatable, CustomStringConvertible {
    public var subject: String
    /// One phrase per project (or the org, or every project) where something is lost.
    public var losses: [String]

    public var description: String { "\(subject) would lose \(losses.joined(separator: "; "))" }
}

/// The checks that keep an apply from locking people out or wiping access by accident.
public enum ApplySafety {
    /// How much a role holds, to tell a permission kept under a lower role from one kept.
    static let rank: [String: Int] = ["token": 0, "template-reader": 1, "template-editor": 2, "reader": 3, "editor": 4, "owner": 5,
                                      "member": 1, "admin": 4]

    static func lower(_ role: String?, than old: String) -> Bool {
        guard let role else { return true }
        return (rank[role] ?? 0) < (rank[old] ?? 0)
    }

    /// Subjects that lose anything: an org permission, a project role lowered or removed,
    /// a project permission, a token scope; with what they lose. `before` holds the old
    /// effective rows of the subjects that change (read from the store), by subject.
    public static func subjectsLosingAccess(plan: StorePlan, before: [String: SubjectRows]) -> [AccessLoss] {
        let removed = Set(plan.removedSubjects)
        let changing = Set(before.keys).union(removed)
        guard !changing.isEmpty else { return [] }
        // The new rows of the subjects that had rows before (on a first apply: none).
        var after: [String: SubjectRows] = [:]
        for rows in plan.effective where changing.contains(rows.subject) { after[rows.subject] = rows }
        return changing.sorted().compactMap { subject in
            let old = before[subject] ?? SubjectRows(subject: subject)
            let new = after[subject] ?? SubjectRows(subject: subject)
            // Permission (subject, project, permission) → role held.
            let held = Dictionary(new.permissions.map { ($0.key, $0.role) }, uniquingKeysWith: { a, _ in a })
            // A permission gone, or the same permission held under a lower role.
            let lost = old.permissions.filter { lower(held[$0.key], than: $0.role) }
            if lost.isEmpty && !removed.contains(subject) { return nil }
            var phrases = Self.phrases(lost, old: old, new: new)
            if phrases.isEmpty { phrases = ["all its access"] }
            return AccessLoss(subject: subject, losses: phrases)
        }
    }

    /// What the lost permission rows `lost` mean, one phrase per place: the org role or
    /// permissions, a role on every project, a role (or permissions beyond it) on a
    /// project, a token's scopes.
    static func phrases(_ lost: [EffectivePermissionRow], old: SubjectRows, new: SubjectRows) -> [String] {
        let oldRoles = Dictionary(old.access.map { ($0.project, $0.role) }, uniquingKeysWith: { a, _ in a })
        let newRoles = Dictionary(new.access.map { ($0.project, $0.role) }, uniquingKeysWith: { a, _ in a })
        let newOrgRole = new.permissions.first { $0.project.isEmpty }?.role
        func now(_ role: String?) -> String { " (now \(role ?? "none"))" }
        var phrases: [String] = []
        for (project, rows) in Dictionary(grouping: lost, by: \.project).sorted(by: { $0.key < $1.key }) {
            let permissions = rows.map(\.permission).joined(separator: ", ")
            if project.isEmpty {
                let role = rows[0].role
                phrases.append(newOrgRole != role ? "org role \(role)\(now(newOrgRole))" : "org permissions \(permissions)")
            } else if rows.allSatisfy({ $0.role == "token" }) {
                let environments = Set(rows.map(\.environment)).filter { !$0.isEmpty }.sorted()
                phrases.append("scopes \(permissions)\(environments.isEmpty ? "" : " in " + environments.joined(separator: ", "))")
            } else {
                let place = project == "*" ? "every project" : project
                if let role = oldRoles[project], newRoles[project] != role {
                    phrases.append("\(role) on \(place)\(newRoles[project].map(now) ?? "")")
                } else {
                    phrases.append("\(permissions) on \(place)")
                }
            }
        }
        return phrases
    }

    /// Org members who lose what a project's default gave them: the project's default
    /// permissions shrink (a permission goes, or is held under a lower role) and the member
    /// (in the store and in the tree) has no access of their own there.
    public static func membersLosingDefaults(plan: StorePlan, stored: StoreSnapshot, desired: StoreSnapshot, matrix: AccessMatrix) -> [AccessLoss] {
        var phrase: [String: String] = [:]
        let old = Dictionary(grouping: stored.defaultPermissions, by: \.project)
        let new = Dictionary(grouping: desired.defaultPermissions, by: \.project)
        for project in Set(plan.changes.filter { $0.kind != .insert }.compactMap { $0.row(DefaultPermissionRow.self)?.project }) {
            let before = old[project] ?? [], after = new[project] ?? []
            let held = Dictionary(after.map { ($0.permission, $0.role) }, uniquingKeysWith: { a, _ in a })
            let lost = before.filter { lower(held[$0.permission], than: $0.role) }
            guard let oldRole = before.first?.role, !lost.isEmpty else { continue }
            let newRole = after.first?.role
            phrase[project] = newRole != oldRole
                ? "\(oldRole) on \(project) (the project's default, now \(newRole ?? "none"))"
                : "\(lost.map(\.permission).sorted().joined(separator: ", ")) on \(project) (the project's default)"
        }
        guard !phrase.isEmpty else { return [] }
        // Members before and after: an owner or admin held no default, a new person nothing.
        let privileged = Set(desired.orgRoles.map(\.person) + stored.orgRoles.map(\.person))
        let members = Set(stored.people.map(\.id)).subtracting(privileged)
        return desired.people.map(\.id).filter(members.contains).compactMap { person in
            // Their `effective_access` rows: the projects with access (or `none`) of their own.
            let own = Set(matrix.specificProjects(of: .person(person)))
            let losses = phrase.keys.sorted().filter { !own.contains($0) }.map { phrase[$0]! }
            return losses.isEmpty ? nil : AccessLoss(subject: person, losses: losses)
        }
    }

    /// The losses of both kinds, one per subject, by subject.
    public static func merged(_ lists: [AccessLoss]...) -> [AccessLoss] {
        var bySubject: [String: [String]] = [:]
        for loss in lists.joined() { bySubject[loss.subject, default: []] += loss.losses }
        return bySubject.keys.sorted().map { AccessLoss(subject: $0, losses: bySubject[$0]!) }
    }

    /// Refusals for a plan, in the order they are checked. `approval` is the actor's
    /// refusal by the approvals model (`DeploymentApprovals`), if any.
    public static func check(plan: StorePlan, stored: StoredState, desired: StoreSnapshot,
                             losing: [AccessLoss], maxRemovals: Int, actor: Subject?, approval: ApplyRefusal? = nil) -> [ApplyRefusal] {
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
                details: losing.prefix(20).map(\.description) + (losing.count > 20 ? ["… and \(losing.count - 20) more"] : [])))
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
