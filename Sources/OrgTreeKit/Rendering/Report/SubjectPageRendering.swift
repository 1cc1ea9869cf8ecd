import OrgTreeCore

/// A subject's page: its org role and permissions, its role and permissions on each
/// project with every chain of file:line steps, its token scopes, and why not where it
/// has no access.
enum SubjectPageRendering {
    static func render(_ report: AccessReport, _ s: SubjectReport) -> String {
        let page = ReportPage(path: ReportPaths.subject(s.subject), title: s.subject.description, report: report)
        let h = ReportHTML.self
        let a = s.access
        var main = "<dl>"
        if !s.displayName.isEmpty { main += "<dt>Name</dt><dd>\(h.text(s.displayName))</dd>" }
        main += "<dt>File</dt><dd><code>\(h.text(s.file))</code></dd>"
        switch s.subject {
        case .person:
            if let role = a.orgRole, let chain = a.orgRoleChain { main += "<dt>Org role</dt><dd id=\"org-role\">\(role.rawValue)\(h.chain(chain))</dd>" }
        case .agencyPerson(let agency, _):
            main += "<dt>Kind</dt><dd>a person of agency <code>\(h.text(agency))</code>: no org permission</dd>"
        case .token(let project, _):
            main += "<dt>Kind</dt><dd>a token of \(page.projectLink(project))</dd>"
        }
        main += "</dl>\n"
        if !a.orgPermissions.isEmpty {
            main += "<h2>Org permissions</h2>\n" + h.table("Org permissions and where they come from", ["Permission", "Via"],
                                                           a.orgPermissions.map { [$0.permission.rawValue, h.chains($0.chains)] })
        }
        if let t = a.token { main += token(t) }
        if !a.projects.isEmpty || !a.elsewhere.isEmpty { main += "<h2>Project access</h2>\n" }
        if !a.projects.isEmpty {
            main += h.table("Projects and the chains that give each role", ["Project", "Role", "Permissions", "Via"], a.projects.map { p in
                var role = "<span class=\"\(h.roleClass(p.role.rawValue))\">\(p.role.rawValue)</span>"
                if p.role.isTemplateRole { role += " on \(h.text(p.templates.joined(separator: ", ")))" }
                let permissions = p.permissions.map { $0.permission.rawValue + ($0.grant.templates == nil ? "" : " (templates)") }
                var via = h.chains(p.chains)
                for (permission, grant) in p.permissions {
                    for chain in grant.chains where !p.chains.contains(chain) { via += "\(permission.rawValue): " + h.chain(chain) }
                }
                return [page.projectLink(p.project), role, permissions.joined(separator: ", "), via]
            }, id: "projects")
        }
        for (bulk, projects) in zip(a.elsewhere, s.bulkProjects) {
            let what = bulk.source == .orgRole ? "as org \(a.orgRole?.rawValue ?? "")" : "by each project's default"
            main += "<p><span class=\"\(h.roleClass(bulk.role.rawValue))\">\(bulk.role.rawValue)</span> on "
            main += "\(counted(bulk.count, "\(a.projects.isEmpty ? "" : "other ")project")) \(what)"
            main += bulk.chain.map { " " + h.chain($0) } ?? " (each project's <code>access.default</code>)"
            if let projects { main += ": " + projects.map(page.projectLink).joined(separator: ", ") }
            main += "</p>\n"
        }
        if !s.denied.isEmpty || s.unlisted != nil {
            main += "<h2 id=\"why-not\">No access, and why not</h2>\n"
            if !s.denied.isEmpty {
                main += h.table("Projects without access", ["Project", "Why not"], s.denied.map { [page.projectLink($0.project), h.reasons($0.reasons)] })
            }
            if let u = s.unlisted { main += "<p>\(counted(u.count, "\(s.denied.isEmpty ? "" : "other ")project")) more: \(h.text(u.reason)).</p>\n" }
        }
        return page.document(main)
    }

    private static func token(_ t: TokenGrant) -> String {
        let h = ReportHTML.self
        var out = "<h2>Token</h2>\n<dl><dt>Environment</dt><dd>\(t.environment?.rawValue ?? "(none)")</dd>"
        out += "<dt>Expires</dt><dd>\(t.expires?.description ?? "(never written)")</dd>"
        out += "<dt>Declares</dt><dd>\(t.declared.map(\.rawValue).joined(separator: ", "))</dd></dl>\n"
        if t.suspended.isEmpty {
            out += h.table("Scopes and the chains that give them", ["Scope", "Via"], t.scopes.map { [$0.scope.rawValue, h.chains($0.chains)] })
        } else {
            out += "<p><span class=\"warning\">suspended</span>: holds none of its scopes</p>\(h.reasons(t.suspended))\n"
        }
        return out
    }
}
