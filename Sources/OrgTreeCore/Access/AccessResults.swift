/// What a subject ends up with on one project.
public struct ProjectAccess: Sendable {
    /// nil: no access.
    public var role: EffectiveRole?
    /// For template roles: the templates the role is limited to.
    public var templates: [String] = []
    /// Every chain that gives `role`, sorted.
    public var chains: [Provenance] = []
    /// When there is no access: why.
    public var reasons: [Reason] = []

    public static func denied(_ reasons: [Reason]) -> ProjectAccess {
        ProjectAccess(role: nil, reasons: reasons)
    }
}

/// One held permission: every chain that gives it and, for template roles, the templates
/// it is limited to (nil: the whole project).
public struct PermissionGrant: Sendable {
    public var chains: [Provenance]
    public var templates: [String]?
}

/// A token's effective scopes.
public struct TokenAccess: Sendable {
    public var declared: [TokenScope]
    /// Effective scopes with their chains; empty when the token is suspended.
    public var scopes: [TokenScope: [Provenance]]
    /// Why the token holds nothing, when it is suspended.
    public var reasons: [Reason]
}

/// The answer to "can SUBJECT do CAPABILITY (on PROJECT)?".
public struct Evaluation: Sendable {
    public var granted: Bool
    public var chains: [Provenance] = []
    /// Why not; or, when granted only on some templates, that limitation.
    public var reasons: [Reason] = []
    /// The question itself does not make sense (e.g. a project permission without a project).
    public var problem: String?
    /// The environment the answer is about: the one asked, or a token's own (nil: every
    /// environment, for people's project access, or none, at org level).
    public var environment: Environment?

    public static func notGranted(_ reasons: [Reason]) -> Evaluation {
        Evaluation(granted: false, reasons: reasons)
    }

    public static func invalid(_ problem: String) -> Evaluation {
        Evaluation(granted: false, problem: problem)
    }
}
