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

    /// The diff with each change's verdict (`approval`) for a set of approvers: a change
    /// is approved when every approver it needs is one of them (any one; each project of
    /// a change on several projects owned by one of them), the rule `check(_:actor:)`
    /// applies to one person. `unknown` names approvers who are no person of OLD (an
    /// e-mail nobody has): they approve nothing but are named in the report.
    public func check(_ diff: TreeDiff, approvedBy approvers: [Subject], unknown: [String] = []) -> TreeDiff {
        let rights = approvers.map { ActorRights(actor: $0, engine: reference) }
        var result = diff
        result.approval = DiffApproval(approvers: approvers, unknown: unknown,
                                       standings: rights.map(\.standing) + unknown.map { "\($0) is not a person of OLD" })
        for i in result.changes.indices {
            result.changes[i].approval = verdict(result.changes[i].approvers, rights)
        }
        return result
    }

    func verdict(_ needed: [Approver], _ rights: [ActorRights]) -> ApprovalVerdict {
        var by = Set<Subject>(), missing: [Approver] = []
        for approver in needed {
            if case .projectOwner(let projects) = approver {
                var unowned: [String] = []
                for project in projects {
                    let owners = rights.filter { $0.owns(project) }.map(\.actor)
                    if owners.isEmpty { unowned.append(project) } else { by.formUnion(owners) }
                }
                if !unowned.isEmpty { missing.append(.projectOwner(unowned)) }
            } else {
                let holders = rights.filter { $0.satisfies(approver) }.map(\.actor)
                if holders.isEmpty { missing.append(approver) } else { by.formUnion(holders) }
            }
        }
        return ApprovalVerdict(by: rights.map(\.actor).filter(by.contains), missing: missing)
    }
}

/// The people a diff was checked against (`diff --approved-by`), and what each may do.
public struct DiffApproval: Sendable {
    /// The approvers found in OLD, in the order given.
    public var approvers: [Subject]
    /// Approvers named by an e-mail no person of OLD has.
    public var unknown: [String]
    /// One line per approver: "chloe is an org admin".
    public var standings: [String]

    /// The approvers as given, for headings: "chloe, kim".
    public var names: String { (approvers.map(\.description) + unknown).joined(separator: ", ") }
}

/// Whether a change is approved by the approvers of `diff --approved-by`.
public struct ApprovalVerdict: Sendable, Equatable {
    /// The approvers whose rights cover a part of the change, in the order given.
    public var by: [Subject]
    /// The approvers the change needs that none of them is (for a change on several
    /// projects, the projects none of them owns).
    public var missing: [Approver]

    public var approved: Bool { missing.isEmpty }

    /// "needs an org owner" for a change not approved.
    public var note: String? {
        missing.isEmpty ? nil : "not approved: needs \(missing.map(\.description).joined(separator: " and "))"
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

    /// Each change's verdict for these approvers, judged by their rights in OLD.
    public func checked(approvedBy approvers: [Subject], unknown: [String] = [], against old: AccessEngine) -> TreeDiff {
        Approvals(judgedBy: old).check(self, approvedBy: approvers, unknown: unknown)
    }

    /// The changes none of the `--approved-by` approvers may approve, in presentation order.
    public var unapproved: [DiffChange] { prioritized.filter { $0.approval?.approved == false } }
}
