/// The effective rows of one subject (`effective_access`, `effective_permissions`,
/// `effective_template_permissions`), each
/// table's rows sorted as the store's keys order them (as digests expect), and, once
/// computed, their digest as the store records it in `effective_digests` (OrgTreeState,
/// which has the hash, computes it: its `digest`).
public struct SubjectRows: Sendable, Equatable {
    /// `Subject.description`.
    public var subject: String
    public var access: [EffectiveAccessRow]
    public var permissions: [EffectivePermissionRow]
    /// `effective_template_permissions`: what a template role holds on its templates.
    public var templates: [EffectiveTemplatePermissionRow]
    /// The digest, once computed: a plan computes it for each subject it writes.
    public var cachedDigest: String?

    public init(subject: String, access: [EffectiveAccessRow] = [], permissions: [EffectivePermissionRow] = [],
                templates: [EffectiveTemplatePermissionRow] = [], cachedDigest: String? = nil) {
        self.subject = subject
        self.access = access
        self.permissions = permissions
        self.templates = templates
        self.cachedDigest = cachedDigest
    }

    /// A subject without rows is not kept in the store at all.
    public var isEmpty: Bool { access.isEmpty && permissions.isEmpty && templates.isEmpty }

    /// Sorts each table's rows as the store's keys order them (as digests expect).
    public mutating func sort() {
        access.sort()
        permissions.sort()
        templates.sort()
    }

    public func sorted() -> SubjectRows {
        var rows = self
        rows.sort()
        return rows
    }
}
