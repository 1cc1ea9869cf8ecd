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
    public func rows(of subject: Subject) -> SubjectRows {
        // Sorted in place: `sorted()` would copy every row of the subject first.
        var rows = unsortedRows(of: subject)
        rows.sort()
        return rows
    }

    /// The same rows from the full answers `explain` shows (`AccessMatrix.access`), with
    /// every chain: several times slower; what `rows(of:)` is checked against.
    func referenceRows(of subject: Subject) -> SubjectRows {
        unsortedReferenceRows(of: subject).sorted()
    }

    private func unsortedRows(of subject: Subject) -> SubjectRows {
        let engine = matrix.engine
        let key = subject.description
        var result = SubjectRows(subject: key)
        switch subject {
        case .token(let project, let id):
            guard let token = engine.tree.token(project: project, id: id) else { return result }
            let environment = token.environment?.value.rawValue ?? ""
            for scope in engine.tokenAccess(token, at: day).scopes.keys {
                result.permissions.append(EffectivePermissionRow(subject: key, project: project, permission: scope.rawValue, role: "token",
                                                                 environment: environment))
            }
            return result
        case .person(let person):
            guard let orgRole = engine.orgRoleOnly(of: person) else { return result }
            for permission in engine.orgPermissionsOnly(of: person) {
                result.permissions.append(EffectivePermissionRow(subject: key, project: "", permission: permission.rawValue, role: orgRole.rawValue))
            }
            if orgRole.isProjectOwnerEverywhere {
                result.access.append(EffectiveAccessRow(subject: key, project: "*", role: "owner"))
                for permission in Self.everywhere(of: subject, engine) {
                    result.permissions.append(EffectivePermissionRow(subject: key, project: "*", permission: permission.rawValue, role: "owner"))
                }
                return result
            }
        case .agencyPerson:
            break
        }
        // Every project where the subject has access of its own, and (for org people)
        // those where it has an entry but no access: `none` blocks the project default.
        for project in matrix.specificProjects(of: subject) {
            guard let held = engine.roleOnly(of: subject, on: project) else {
                if subject.isOrgPerson { result.access.append(EffectiveAccessRow(subject: key, project: project, role: "none")) }
                continue
            }
            result.access.append(EffectiveAccessRow(subject: key, project: project, role: held.role.rawValue))
            for permission in engine.wholeProjectPermissions(held, of: subject, on: project) {
                result.permissions.append(EffectivePermissionRow(subject: key, project: project, permission: permission.rawValue, role: held.role.rawValue))
            }
            if held.isLimitedToTemplates {
                for template in held.templates {
                    for permission in held.role.templatePermissions {
                        result.templates.append(EffectiveTemplatePermissionRow(subject: key, project: project, template: template,
                                                                               permission: permission.rawValue, role: held.role.rawValue))
                    }
                }
            }
        }
        return result
    }

    /// What an org owner or admin holds on every project: all project permissions, but
    /// `analytics.facebook` only with a Facebook ID (docs/access-model.md §3).
    private static func everywhere(of subject: Subject, _ engine: AccessEngine) -> [ProjectPermission] {
        engine.hasFacebookID(subject) ? ProjectPermission.allCases : ProjectPermission.allCases.filter { $0 != .analyticsFacebook }
    }

    private func unsortedReferenceRows(of subject: Subject) -> SubjectRows {
        let key = subject.description
        var result = SubjectRows(subject: key)
        let access = matrix.access(of: subject, at: day)
        for (permission, _) in access.orgPermissions {
            result.permissions.append(EffectivePermissionRow(subject: key, project: "", permission: permission.rawValue, role: access.orgRole?.rawValue ?? ""))
        }
        if let token = access.token {
            for (scope, _) in token.scopes {
                result.permissions.append(EffectivePermissionRow(subject: key, project: token.project, permission: scope.rawValue, role: "token",
                                                                 environment: token.environment?.rawValue ?? ""))
            }
            return result
        }
        if access.elsewhere.contains(where: { $0.source == .orgRole }) {
            result.access.append(EffectiveAccessRow(subject: key, project: "*", role: "owner"))
            for permission in Self.everywhere(of: subject, matrix.engine) {
                result.permissions.append(EffectivePermissionRow(subject: key, project: "*", permission: permission.rawValue, role: "owner"))
            }
            return result
        }
        var granted: [String: EffectiveRole] = [:]
        for grant in access.projects {
            granted[grant.project] = grant.role
            for (permission, g) in grant.permissions {
                guard let templates = g.templates else {
                    result.permissions.append(EffectivePermissionRow(subject: key, project: grant.project, permission: permission.rawValue, role: grant.role.rawValue))
                    continue
                }
                for template in templates {
                    result.templates.append(EffectiveTemplatePermissionRow(subject: key, project: grant.project, template: template,
                                                                           permission: permission.rawValue, role: grant.role.rawValue))
                }
            }
        }
        // Every project where the subject has access of its own, and (for org people)
        // those where it has an entry but no access: `none` blocks the project default.
        let projects = subject.isOrgPerson ? matrix.specificProjects(of: subject) : access.projects.map(\.project)
        for project in projects {
            result.access.append(EffectiveAccessRow(subject: key, project: project, role: granted[project]?.rawValue ?? "none"))
        }
        return result
    }
}

extension Subject {
    var isOrgPerson: Bool {
        if case .person = self { return true }
        return false
    }
}
