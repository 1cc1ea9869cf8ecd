/// Permissions on the organization itself (docs/access-model.md §2).
public enum OrgPermission: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case orgRead = "org.read"
    case billingRead = "billing.read"
    case billingManage = "billing.manage"
    case invoicesRead = "invoices.read"
    case membersInvite = "members.invite"
    case adminsInvite = "admins.invite"
    case ownersInvite = "owners.invite"
    case partnersManage = "partners.manage"
    case projectsCreate = "projects.create"

    /// `owners.invite`, `admins.invite` and `members.invite` come with roles only
    /// (docs/access-model.md §2): members never invite.
    public var isGrantable: Bool { self != .ownersInvite && self != .adminsInvite && self != .membersInvite }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Permissions on one project (docs/access-model.md §3).
public enum ProjectPermission: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case projectRead = "project.read"
    case contentRead = "content.read"
    case contentWrite = "content.write"
    case analyticsRead = "analytics.read"
    case analyticsFacebook = "analytics.facebook"
    case handover = "handover"
    case teamManage = "team.manage"
    /// Step 2 of the partner handshake: who may enable an agency on the project (the
    /// toggle in Project > Team); the org's `partners.manage` is the Partners list.
    case partnersEnable = "partners.enable"
    case tokensManage = "tokens.manage"
    case projectDelete = "project.delete"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an API token may do on its own project.
public enum TokenScope: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case contentRead = "content:read"
    case contentWrite = "content:write"
    case analyticsRead = "analytics:read"
    case eventsWrite = "events:write"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Anything an assertion, `explain` or `who-can` may ask about.
public enum Capability: Sendable, Hashable, Comparable, CustomStringConvertible {
    case org(OrgPermission)
    case project(ProjectPermission)
    case scope(TokenScope)

    public init?(_ text: String) {
        if let p = OrgPermission(rawValue: text) {
            self = .org(p)
        } else if let p = ProjectPermission(rawValue: text) {
            self = .project(p)
        } else if let s = TokenScope(rawValue: text) {
            self = .scope(s)
        } else {
            return nil
        }
    }

    /// Every name, for did-you-mean suggestions and messages.
    public static var allNames: [String] {
        OrgPermission.allCases.map(\.rawValue) + ProjectPermission.allCases.map(\.rawValue)
            + TokenScope.allCases.map(\.rawValue)
    }

    public var description: String {
        switch self {
        case .org(let p): return p.rawValue
        case .project(let p): return p.rawValue
        case .scope(let s): return s.rawValue
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}
