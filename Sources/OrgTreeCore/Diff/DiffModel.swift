/// What `orgtree diff` reports: the effective changes between two trees (OLD and NEW),
/// each with its provenance, its risk and who must approve it. Built by `TreeDiffer`;
/// pure data, rendered by OrgTreeKit.
public struct TreeDiff: Sendable {
    /// Every change, in canonical order: entities, then default roles, then access by subject.
    public var changes: [DiffChange]
    /// The person `--actor` named, when changes were checked against their rights.
    public var actor: Subject?
    /// The approvers `--approved-by` named, when changes were checked against them.
    public var approval: DiffApproval?

    public init(changes: [DiffChange], actor: Subject? = nil, approval: DiffApproval? = nil) {
        self.changes = changes
        self.actor = actor
        self.approval = approval
    }

    public var isEmpty: Bool { changes.isEmpty }

    public var summary: DiffSummary { DiffSummary(changes) }

    /// Presentation order: changes the actor may not make alone or not approved, then
    /// high risk, then removals, then medium risk, then the canonical order.
    public var prioritized: [DiffChange] {
        let keys = changes.map { c in
            (c.actorFlag != nil || c.approval?.approved == false ? 0 : 1, c.risk == .high ? 0 : 1, c.losesSomething ? 0 : 1, 2 - c.risk.rawValue)
        }
        return changes.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { changes[$0] }
    }
}

/// Counts for the summary line.
public struct DiffSummary: Sendable, Equatable {
    public var changes: Int
    public var high: Int
    public var medium: Int
    public var low: Int
    /// Subjects that gain something (a role, a permission, a scope), counted once each.
    public var subjectsGaining: Int
    /// Subjects that lose something.
    public var subjectsLosing: Int
    /// Changes the `--actor` may not make alone.
    public var flagged: Int
    /// Changes none of the `--approved-by` approvers may approve.
    public var unapproved: Int

    init(_ changes: [DiffChange]) {
        self.changes = changes.count
        high = changes.count { $0.risk == .high }
        medium = changes.count { $0.risk == .medium }
        low = changes.count { $0.risk == .low }
        flagged = changes.count { $0.actorFlag != nil }
        unapproved = changes.count { $0.approval?.approved == false }
        var gaining = Set<Subject>(), losing = Set<Subject>()
        for change in changes {
            let subjects: [Subject]
            if case .defaultRole(let d) = change.detail {
                subjects = d.subjects
            } else if let subject = change.subject, !change.isEntity {
                subjects = [subject]
            } else {
                continue
            }
            if change.gainsSomething { gaining.formUnion(subjects) }
            if change.losesSomething { losing.formUnion(subjects) }
        }
        subjectsGaining = gaining.count
        subjectsLosing = losing.count
    }
}

/// Counts as reports write them: `19,956`, whatever the locale, so output is stable.
public enum DiffNumbers {
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}

public enum DiffRisk: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case low, medium, high

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        }
    }
}

/// Who must approve a change under the seed rules.
public enum Approver: Sendable, Hashable, CustomStringConvertible {
    /// An org owner (owners, billing, the creator).
    case orgOwner
    /// An org owner or admin.
    case orgAdmin
    /// Whoever holds this org permission (owners and admins by role, members by a grant).
    case orgPermission(OrgPermission)
    /// An owner of each of these projects (org owners and admins own every project).
    case projectOwner([String])
    /// The agency's own owner (activations of the agency's people).
    case agencyOwner(String)

    public var description: String {
        switch self {
        case .orgOwner: return "an org owner"
        case .orgAdmin: return "an org owner or admin"
        case .orgPermission(let p): return "a holder of \(p.rawValue)"
        case .projectOwner(let projects):
            return projects.count == 1 ? "an owner of project \(projects[0])" : "an owner of each of the \(DiffNumbers.grouped(projects.count)) projects"
        case .agencyOwner(let agency): return "the owner of agency \(agency)"
        }
    }

    /// A short name for machine-readable output.
    public var kind: String {
        switch self {
        case .orgOwner: return "org-owner"
        case .orgAdmin: return "org-admin"
        case .orgPermission: return "org-permission"
        case .projectOwner: return "project-owner"
        case .agencyOwner: return "agency-owner"
        }
    }
}

/// One project of a project-level change, with the chains that give the new grant (in
/// NEW) and the ones that gave the old one (in OLD).
public struct ProjectProvenance: Sendable {
    public var project: String
    public var via: [Provenance]
    public var wasVia: [Provenance]
}

/// A subject's access on one or more projects changed the same way.
public struct ProjectAccessChange: Sendable {
    /// nil: no access.
    public var from: HeldRole?
    public var to: HeldRole?
    /// Project permissions gained or lost beyond what the role change itself says
    /// (`handover`, `analytics.facebook` from the project's lists), or all of them
    /// when access appears or disappears.
    public var gained: [ProjectPermission]
    public var lost: [ProjectPermission]
    public var projects: [ProjectProvenance]

    public var projectIDs: [String] { projects.map(\.project) }
}

/// A token's effective scopes changed.
public struct TokenScopeChange: Sendable {
    public var gained: [TokenScope]
    public var lost: [TokenScope]
    /// Why NEW's token holds nothing (it held scopes in OLD): suspended.
    public var suspended: [Reason]
    /// Why OLD's token held nothing (it holds scopes in NEW): restored.
    public var restored: [Reason]
    /// The token exists in only one of the trees.
    public var added: Bool
    public var removed: Bool
    /// The environment where the token holds its scopes (NEW's; OLD's for a removed token).
    public var environment: Environment?
    /// OLD's environment when the token moved to another one while holding scopes in both:
    /// it loses every scope there and gains them in `environment`.
    public var movedFrom: Environment?
}

/// A default role changed on projects: every org member without access of their own
/// there moves from `from` to `to`.
public struct DefaultRoleChange: Sendable {
    public var from: EffectiveRole?
    public var to: EffectiveRole?
    /// Whether the NEW (or, when it is unset in NEW, OLD) default comes from the org's
    /// `defaults.projectRole` rather than the project's own `access.default`.
    public var fromOrgDefault: Bool
    public var projects: [ProjectProvenance]
    /// The members it applies to (on at least one of the projects), sorted.
    public var subjects: [Subject]
    /// Who moves: members of both trees whose project default changed, or people added
    /// (or removed) as a whole, who get (or held) the default where they have (or had)
    /// no access of their own.
    public var movers: Movers = .members

    public enum Movers: String, Sendable {
        case members
        case added
        case removed
    }
}

/// A change to a thing of the tree rather than to someone's access: people, teams,
/// projects, agencies, tokens, assertions added, removed, renamed or edited.
public struct EntityChange: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case organization
        case person
        case agencyPerson = "agency-person"
        case team
        case project
        case agency
        case token
        case assertion
    }

    public enum Action: String, Sendable {
        case removed, renamed, added, modified
    }

    public var kind: Kind
    /// The entity's id in NEW (in OLD when removed): `ann`, `pixel/gus`, `shop`, `shop/ci-deploy`.
    public var id: String
    public var action: Action
    /// For a rename: the id in OLD.
    public var oldID: String?
    /// For a modification: the field (`plan.projects`, `members`, `status`).
    public var field: String?
    /// Scalar values before and after (nil: not set).
    public var from: String?
    public var to: String?
    /// List values added and removed.
    public var added: [String] = []
    public var removed: [String] = []
    /// A few words that identify the entity (a person's name and e-mail, a project's name).
    public var note: String?
}

/// One change of the report.
public struct DiffChange: Sendable {
    public enum Detail: Sendable {
        case orgRole(from: OrgRole?, to: OrgRole?, gained: [OrgPermission], lost: [OrgPermission])
        case orgPermission(OrgPermission, gained: Bool)
        case projectAccess(ProjectAccessChange)
        case tokenScopes(TokenScopeChange)
        case defaultRole(DefaultRoleChange)
        case entity(EntityChange)
    }

    /// The subject whose access changes (NEW's id); for an entity change of a person or
    /// token, that subject; nil otherwise.
    public var subject: Subject?
    /// The subject's id in OLD when the person was renamed.
    public var renamedFrom: Subject?
    public var detail: Detail
    public var risk: DiffRisk
    /// Why the risk is what it is (empty for low risk).
    public var riskReasons: [String]
    public var approvers: [Approver]
    /// Chains of the new grant, in NEW (for org and token changes; project changes carry them per project).
    public var via: [Provenance]
    /// Chains of the lost grant, in OLD.
    public var wasVia: [Provenance]
    /// Set by `--actor`: why the actor may not make this change alone.
    public var actorFlag: String?
    /// Set by `--approved-by`: whether the approvers may approve this change.
    public var approval: ApprovalVerdict?

    public var isEntity: Bool {
        if case .entity = detail { return true }
        return false
    }

    /// A stable name of the kind of change, as JSON gives it.
    public var kind: String {
        switch detail {
        case .orgRole: return "org-role"
        case .orgPermission: return "org-permission"
        case .projectAccess(let p):
            if p.from == nil { return "project-access-gained" }
            if p.to == nil { return "project-access-lost" }
            if p.from!.role != p.to!.role { return "project-role" }
            if p.from!.templates != p.to!.templates { return "project-templates" }
            return "project-permissions"
        case .tokenScopes: return "token-scopes"
        case .defaultRole: return "default-role"
        case .entity(let e): return "\(e.kind.rawValue)-\(e.action.rawValue)"
        }
    }

    public var gainsSomething: Bool {
        switch detail {
        case .orgRole(let from, let to, let gained, _):
            return !gained.isEmpty || (to ?? .member) > (from ?? .member)
        case .orgPermission(_, let gained): return gained
        case .projectAccess(let p):
            return !p.gained.isEmpty || Self.rank(p.to) > Self.rank(p.from)
                || (p.to != nil && p.from != nil && !Set(p.to!.templates).isSubset(of: p.from!.templates))
        case .tokenScopes(let t): return !t.gained.isEmpty
        case .defaultRole(let d): return Self.rank(d.to.map { HeldRole(role: $0) }) > Self.rank(d.from.map { HeldRole(role: $0) })
        case .entity(let e): return e.action == .added
        }
    }

    public var losesSomething: Bool {
        switch detail {
        case .orgRole(let from, let to, _, let lost):
            return !lost.isEmpty || (to == nil && from != nil) || (to ?? .member) < (from ?? .member)
        case .orgPermission(_, let gained): return !gained
        case .projectAccess(let p):
            return !p.lost.isEmpty || Self.rank(p.to) < Self.rank(p.from)
                || (p.to != nil && p.from != nil && !Set(p.from!.templates).isSubset(of: p.to!.templates))
        case .tokenScopes(let t): return !t.lost.isEmpty
        case .defaultRole(let d): return Self.rank(d.to.map { HeldRole(role: $0) }) < Self.rank(d.from.map { HeldRole(role: $0) })
        case .entity(let e): return e.action == .removed
        }
    }

    private static func rank(_ held: HeldRole?) -> Int { held?.role.rank ?? 0 }
}
