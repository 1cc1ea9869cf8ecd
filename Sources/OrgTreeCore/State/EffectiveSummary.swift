/// A subject's effective rows in one line, for the audit log's `before` and `after`:
/// its role on each project (`proj-0001 editor`, `* owner` for every project,
/// `proj-0002 none`), any permission beyond what that role gives (`+handover`), its org
/// permissions (`org admin: billing.view, people.manage`) and a token's scopes
/// (`proj-0001 scopes: content:read`). The rows can be told from it; it is a fraction of
/// their size.
public enum EffectiveSummary {
    public static func text(access: [EffectiveAccessRow], permissions: [EffectivePermissionRow]) -> String {
        var roles: [String: String] = [:]
        for row in access { roles[row.project] = row.role }
        var org: (role: String, permissions: [String])?
        var extras: [String: [String]] = [:]
        var scopes: [String: [String]] = [:]
        for row in permissions {
            let (project, permission, role) = (row.project, row.permission, row.role)
            if project.isEmpty {
                org = (role, (org?.permissions ?? []) + [permission])
            } else if role == "token" {
                scopes[project, default: []].append(permission)
            } else if !implied(permission, by: role, held: roles[project]) {
                extras[project, default: []].append("+" + permission + (role == roles[project] ? "" : " as \(role)"))
            }
        }
        var parts: [String] = []
        if let org { parts.append("org \(org.role): " + org.permissions.joined(separator: ", ")) }
        for project in Set(roles.keys).union(extras.keys).sorted() {
            parts.append(([project, roles[project] ?? "no role"] + (extras[project] ?? [])).joined(separator: " "))
        }
        for project in scopes.keys.sorted() {
            parts.append("\(project) scopes: " + scopes[project]!.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// True when holding `held` on a project gives `permission` under `role` anyway.
    private static func implied(_ permission: String, by role: String, held: String?) -> Bool {
        guard role == held, let r = EffectiveRole(rawValue: role), let p = ProjectPermission(rawValue: permission) else { return false }
        return r.basePermissions.contains(p) || r.templatePermissions.contains(p)
    }
}
