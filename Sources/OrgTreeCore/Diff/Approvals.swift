/// The rights `--actor` holds in OLD: the rights a person has when they make the change.
struct ActorRights {
    let actor: Subject
    let engine: AccessEngine
    let orgRole: OrgRole?
    let orgPermissions: Set<OrgPermission>

    init(actor: Subject, engine: AccessEngine) {
        self.actor = actor
        self.engine = engine
        if case .person(let id) = actor {
            orgRole = engine.orgRole(of: id)?.role
        } else {
            orgRole = nil
        }
        orgPermissions = Set(engine.orgPermissions(of: actor).keys)
    }

    func owns(_ project: String) -> Bool {
        if orgRole?.isProjectOwnerEverywhere == true { return true }
        guard engine.tree.projects[project] != nil else { return false }
        return engine.projectAccess(of: actor, on: project).role == .owner
    }

    func satisfies(_ approver: Approver) -> Bool {
        switch approver {
        case .orgOwner: return orgRole == .owner
        case .orgAdmin: return orgRole == .owner || orgRole == .admin
        case .orgPermission(let p): return orgPermissions.contains(p)
        case .projectOwner(let projects): return projects.allSatisfy(owns)
        case .agencyOwner(let agency):
            guard case .agencyPerson(let a, let person) = actor, a == agency else { return false }
            return engine.tree.partners[agency]?.owner?.value == person
        }
    }

    var standing: String {
        switch actor {
        case .person(let id):
            guard let role = orgRole else { return "\(id) is not a person of OLD" }
            return "\(id) is an org \(role.rawValue)"
        case .agencyPerson(let agency, let person):
            guard engine.tree.person(actor) != nil else { return "\(actor) is not a person of OLD" }
            let owner = engine.tree.partners[agency]?.owner?.value == person
            return "\(actor) is \(owner ? "the owner" : "a person") of agency \(agency)"
        case .token:
            return "\(actor) is a token"
        }
    }
}

/// Who may make each change of a tree diff alone, judged by the rights people hold in
/// the tree the change starts from (docs/access-model.md): the one approvals model of
/// `diff --actor`, `plan --actor` and `apply --actor`. Each change names its approvers
/// (`DiffRiskRules`); a person may make it alone when they are every one of them.
public struct Approvals: Sendable {
    /// The access the rights are judged by: OLD's (for a store, the state it holds).
    public let reference: AccessEngine

    public init(judgedBy reference: AccessEngine) {
        self.reference = reference
    }

    /// The diff with each change that `actor` may not make alone flagged (`actorFlag`:
    /// which approver is missing, and the actor's standing).
    public func check(_ diff: TreeDiff, actor: Subject) -> TreeDiff {
        let rights = ActorRights(actor: actor, engine: reference)
        var result = diff
        result.actor = actor
        for i in result.changes.indices {
            let missing = result.changes[i].approvers.filter { !rights.satisfies($0) }
            guard !missing.isEmpty else { continue }
            result.changes[i].actorFlag = "needs \(missing.map(\.description).joined(separator: " and ")) (\(rights.standing))"
        }
        return result
    }
}

extension TreeDiff {
    /// Marks each change that `actor` may not make alone, judged by the rights the actor
    /// holds in OLD (an admin adding an owner, anyone but a billing holder touching
    /// billing, a member granting anything outside the projects they own).
    public func checked(actor: Subject, against old: AccessEngine) -> TreeDiff {
        Approvals(judgedBy: old).check(self, actor: actor)
    }

    /// The changes flagged for the actor.
    public var flagged: [DiffChange] { prioritized.filter { $0.actorFlag != nil } }
}
