/// The rows of `effective_access` and `effective_permissions` of one subject, as the
/// store keeps them, from the access engine (grouped as `AccessMatrix` groups access, so
/// a subject costs only the projects where it has access of its own).
public struct EffectiveRowBuilder: Sendable {
    public let matrix: AccessMatrix
    /// Token scopes are evaluated on this day.
    public let day: Day

    public init(engine: AccessEngine, day: Day) {
        matrix = AccessMatrix(engine: engine)
        self.day = day
    }

    /// One subject's rows, each table's rows sorted like the store sorts them, so that
    /// digests agree with rows read back from a store. Empty for a subject with no access.
    /// Computed from the engine's answers without chains (`roleOnly(of:on:)`).
    public func rows(of subject: Subject) -> SubjectEffectiveRows {
        unsortedRows(of: subject).sorted()
    }

    /// The same rows from the full answers `explain` shows (`AccessMatrix.access`), with
    /// every chain: several times slower; what `rows(of:)` is checked against.
    func referenceRows(of subject: Subject) -> SubjectEffectiveRows {
        unsortedReferenceRows(of: subject).sorted()
    }

    private func unsortedRows(of subject: Subject) -> SubjectEffectiveRows {
        let engine = matrix.engine
        let key = subject.description
        var result = SubjectEffectiveRows(subject: key, access: [], permissions: [])
        switch subject {
        case .token(let project, let id):
            guard let token = engine.tree.token(project: project, id: id) else { return result }
            for scope in engine.tokenAccess(token, at: day).scopes.keys {
                result.permissions.append([key, project, scope.rawValue, "token"])
            }
            return result
        case .person(let person):
            guard let orgRole = engine.orgRoleOnly(of: person) else { return result }
            for permission in engine.orgPermissionsOnly(of: person) {
                result.permissions.append([key, "", permission.rawValue, orgRole.rawValue])
            }
            if orgRole.isProjectOwnerEverywhere {
                result.access.append([key, "*", "owner"])
                for permission in Self.everywhere(of: subject, engine) { result.permissions.append([key, "*", permission.rawValue, "owner"]) }
                return result
            }
        case .agencyPerson:
            break
        }
        // Every project where the subject has access of its own, and (for org people)
        // those where it has an entry but no access: `none` blocks the project default.
        for project in matrix.specificProjects(of: subject) {
            guard let held = engine.roleOnly(of: subject, on: project) else {
                if subject.isOrgPerson { result.access.append([key, project, "none"]) }
                continue
            }
            result.access.append([key, project, held.role.rawValue])
            for permission in engine.wholeProjectPermissions(held, of: subject, on: project) {
                result.permissions.append([key, project, permission.rawValue, held.role.rawValue])
            }
        }
        return result
    }

    /// What an org owner or admin holds on every project: all project permissions, but
    /// `analytics.facebook` only with a Facebook ID (docs/access-model.md §3).
    private static func everywhere(of subject: Subject, _ engine: AccessEngine) -> [ProjectPermission] {
        engine.hasFacebookID(subject) ? ProjectPermission.allCases : ProjectPermission.allCases.filter { $0 != .analyticsFacebook }
    }

    private func unsortedReferenceRows(of subject: Subject) -> SubjectEffectiveRows {
        let key = subject.description
        var result = SubjectEffectiveRows(subject: key, access: [], permissions: [])
        let access = matrix.access(of: subject, at: day)
        for (permission, _) in access.orgPermissions {
            result.permissions.append([key, "", permission.rawValue, access.orgRole?.rawValue ?? ""])
        }
        if let token = access.token {
            for (scope, _) in token.scopes { result.permissions.append([key, token.project, scope.rawValue, "token"]) }
            return result
        }
        if access.elsewhere.contains(where: { $0.source == .orgRole }) {
            result.access.append([key, "*", "owner"])
            for permission in Self.everywhere(of: subject, matrix.engine) { result.permissions.append([key, "*", permission.rawValue, "owner"]) }
            return result
        }
        var granted: [String: EffectiveRole] = [:]
        for grant in access.projects {
            granted[grant.project] = grant.role
            for (permission, g) in grant.permissions where g.templates == nil {
                result.permissions.append([key, grant.project, permission.rawValue, grant.role.rawValue])
            }
        }
        // Every project where the subject has access of its own, and (for org people)
        // those where it has an entry but no access: `none` blocks the project default.
        let projects = subject.isOrgPerson ? matrix.specificProjects(of: subject) : access.projects.map(\.project)
        for project in projects { result.access.append([key, project, granted[project]?.rawValue ?? "none"]) }
        return result
    }
}

/// The effective rows of one subject.
public struct SubjectEffectiveRows: Sendable, Equatable {
    public var subject: String
    public var access: [StoreSnapshot.Row]
    public var permissions: [StoreSnapshot.Row]

    public init(subject: String, access: [StoreSnapshot.Row], permissions: [StoreSnapshot.Row]) {
        self.subject = subject
        self.access = access
        self.permissions = permissions
    }

    /// A subject without rows is not kept in the store at all.
    public var isEmpty: Bool { access.isEmpty && permissions.isEmpty }

    /// Each table's rows sorted as the store's keys order them (as digests expect).
    public func sorted() -> SubjectEffectiveRows {
        var rows = self
        rows.access.sort { $0.lexicographicallyPrecedes($1) }
        rows.permissions.sort { $0.lexicographicallyPrecedes($1) }
        return rows
    }
}

extension Subject {
    var isOrgPerson: Bool {
        if case .person = self { return true }
        return false
    }
}
