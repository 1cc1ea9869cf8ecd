/// The effective rows of one subject (`effective_access`, `effective_permissions`), each
/// table's rows sorted as the store's keys order them (as digests expect), and, once
/// computed, their digest as the store records it (`effective_digests`; computed by
/// OrgTreeState, which has the hash).
public struct SubjectRows: Sendable, Equatable {
    /// `Subject.description`.
    public var subject: String
    public var access: [EffectiveAccessRow]
    public var permissions: [EffectivePermissionRow]
    /// Nil until computed: a plan gives each subject it writes its digest.
    public var digest: String?

    public init(subject: String, access: [EffectiveAccessRow] = [], permissions: [EffectivePermissionRow] = [], digest: String? = nil) {
        self.subject = subject
        self.access = access
        self.permissions = permissions
        self.digest = digest
    }

    /// A subject without rows is not kept in the store at all.
    public var isEmpty: Bool { access.isEmpty && permissions.isEmpty }

    /// Sorts each table's rows as the store's keys order them (as digests expect).
    public mutating func sort() {
        access.sort()
        permissions.sort()
    }

    public func sorted() -> SubjectRows {
        var rows = self
        rows.sort()
        return rows
    }
}
