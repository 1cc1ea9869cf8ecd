/// A person's role in the organization.
public enum OrgRole: String, Sendable, Hashable, Comparable, Codable {
    case owner, admin, member

    private var rank: Int {
        switch self {
        case .owner: return 2
        case .admin: return 1
        case .member: return 0
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// Org permissions that come with the role itself (docs/access-model.md §2).
    public var permissions: [OrgPermission] {
        switch self {
        case .owner: return OrgPermission.allCases
        case .admin: return OrgPermission.allCases.filter { $0 != .billingManage && $0 != .ownersInvite }
        case .member: return [.orgRead]
        }
    }

    /// Owners and admins are project owners everywhere.
    public var isProjectOwnerEverywhere: Bool { self != .member }
}

/// A whole-project role that can be written in `access` (`owner`, `editor`, `reader`).
public enum ProjectRole: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case reader, editor, owner

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    var rank: Int {
        switch self {
        case .reader: return 1
        case .editor: return 2
        case .owner: return 3
        }
    }
}

/// A role or an explicit "no access" (`none`), as `access.default` and `access.people` take.
public enum RoleSetting: Sendable, Hashable, Comparable, CustomStringConvertible {
    case none
    case role(ProjectRole)

    public init?(_ text: String) {
        if text == "none" {
            self = .none
        } else if let role = ProjectRole(rawValue: text) {
            self = .role(role)
        } else {
            return nil
        }
    }

    public static let allNames = ["owner", "editor", "reader", "none"]

    public var role: ProjectRole? {
        if case .role(let r) = self { return r }
        return nil
    }

    public var description: String { role?.rawValue ?? "none" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.role?.rank ?? 0) < (rhs.role?.rank ?? 0) }
}

/// The legacy roles limited to listed templates.
public enum TemplateRole: String, Sendable, Hashable, CaseIterable, Codable {
    case templateEditor = "template-editor"
    case templateReader = "template-reader"
}

/// The role a subject ends up with on a project.
public enum EffectiveRole: String, Sendable, Hashable, Comparable, Codable {
    case owner, editor, reader
    case templateEditor = "template-editor"
    case templateReader = "template-reader"

    public init(_ role: ProjectRole) {
        switch role {
        case .owner: self = .owner
        case .editor: self = .editor
        case .reader: self = .reader
        }
    }

    public init(_ role: TemplateRole) {
        switch role {
        case .templateEditor: self = .templateEditor
        case .templateReader: self = .templateReader
        }
    }

    var rank: Int {
        switch self {
        case .templateReader: return 1
        case .templateEditor: return 2
        case .reader: return 3
        case .editor: return 4
        case .owner: return 5
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    public var isTemplateRole: Bool { self == .templateEditor || self == .templateReader }

    /// Permissions the role holds on the whole project. Owners hold every one; for the
    /// other roles `analytics.facebook` and `handover` come from the project's lists.
    public var basePermissions: [ProjectPermission] {
        switch self {
        case .owner:
            return ProjectPermission.allCases
        case .editor: return [.projectRead, .contentRead, .contentWrite, .analyticsRead]
        case .reader: return [.projectRead, .contentRead, .analyticsRead]
        case .templateEditor, .templateReader: return [.projectRead]
        }
    }

    /// Permissions held on the listed templates only.
    public var templatePermissions: [ProjectPermission] {
        switch self {
        case .templateEditor: return [.contentRead, .contentWrite]
        case .templateReader: return [.contentRead]
        default: return []
        }
    }

    /// The least role that holds `permission` on the whole project.
    public static func least(holding permission: ProjectPermission) -> EffectiveRole {
        switch permission {
        case .projectRead, .contentRead, .analyticsRead, .handover: return .reader
        case .contentWrite, .analyticsFacebook: return .editor
        case .teamManage, .partnersEnable, .tokensManage, .projectDelete: return .owner
        }
    }
}
