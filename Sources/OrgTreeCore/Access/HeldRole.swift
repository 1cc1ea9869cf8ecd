/// A project role as held: the role and, for template roles, the templates it is
/// limited to. What `AccessEngine.roleOnly(of:on:)` answers for the store and what the
/// project changes of a diff compare.
public struct HeldRole: Sendable, Hashable, CustomStringConvertible {
    public var role: EffectiveRole
    /// For template roles: the templates, sorted; empty for every other role.
    public var templates: [String]

    public init(role: EffectiveRole, templates: [String] = []) {
        self.role = role
        self.templates = role.isTemplateRole ? templates : []
    }

    /// Template roles hold their template permissions on the listed templates only,
    /// never on the whole project.
    public var isLimitedToTemplates: Bool { role.isTemplateRole }

    public var description: String {
        role.isTemplateRole ? "\(role.rawValue) [\(templates.joined(separator: ", "))]" : role.rawValue
    }
}
