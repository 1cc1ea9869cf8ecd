import OrgTreeCore

/// A project's page: who holds which role and why, who is named without access and why
/// not, each agency's handshake step by step, and the project's tokens.
enum ProjectPageRendering {
    static func render(_ report: AccessReport, _ p: ProjectReport) -> String {
        let page = ReportPage(path: ReportPaths.project(p.id), title: p.id, report: report)
        let h = ReportHTML.self
        var main = "<dl>"
        if let name = p.name { main += "<dt>Name</dt><dd>\(h.text(name))</dd>" }
        main += "<dt>File</dt><dd><code>\(h.text(p.file))</code></dd>"
        main += "<dt>Environments</dt><dd>\(p.environments.map(\.rawValue).joined(separator: ", "))</dd>"
        main += "<dt>Default</dt><dd>\(p.defaultSetting.description) (\(h.location(p.defaultStep.location)) \(h.text(p.defaultStep.text)))</dd></dl>\n"
        main += "<h2>Who holds which role</h2>\n"
        if !p.orgOwners.isEmpty {
            main += "<p id=\"org-owners\">Owners as org owners or admins, of every project (every project permission; "
            main += "<code>analytics.facebook</code> with a <code>facebookId</code>): "
            main += p.orgOwners.map { "\(page.subjectLink(.person($0.person))) (\($0.role.rawValue), \(h.location($0.location)))" }.joined(separator: ", ")
            main += "</p>\n"
        }
        if !p.holders.isEmpty {
            let roles = Set(p.holders.map(\.role)).sorted(by: >)
            main += h.table("What each role holds on the whole project", ["Role", "Permissions"], roles.map { role in
                ["<span class=\"\(h.roleClass(role.rawValue))\">\(role.rawValue)</span>", (role.basePermissions.map(\.rawValue)
                    + role.templatePermissions.map { "\($0.rawValue) (listed templates only)" }).joined(separator: ", ")]
            }, id: "roles")
            main += h.table("Subjects with a role on \(p.id) and the chains that give it", ["Subject", "Role", "Beyond the role", "Via"], p.holders.map { holder in
                var role = "<span class=\"\(h.roleClass(holder.role.rawValue))\">\(holder.role.rawValue)</span>"
                if holder.role.isTemplateRole { role += " on \(h.text(holder.templates.joined(separator: ", ")))" }
                let lists = holder.listGrants.map { grant in grant.chains.map { "\(grant.permission.rawValue): " + h.chain($0) }.joined() }
                return [page.subjectLink(holder.subject), role, beyond(holder), h.chains(holder.chains) + lists.joined()]
            }, id: "holders")
        }
        if let d = p.byDefault {
            main += "<p id=\"by-default\">\(counted(d.count, "other org member")) \(d.count == 1 ? "is" : "are") "
            main += "<span class=\"\(h.roleClass(d.role.rawValue))\">\(d.role.rawValue)</span> by default (\(h.location(d.step.location)) \(h.text(d.step.text)))"
            if let members = d.members { main += ": " + members.map { page.subjectLink(.person($0)) }.joined(separator: ", ") }
            main += "</p>\n"
        }
        if !p.denied.isEmpty {
            main += "<h2>Named here without access</h2>\n"
            main += h.table("Subjects the project's access names who hold no role, and why not", ["Subject", "Why not"],
                            p.denied.map { [page.subjectLink($0.subject), h.reasons($0.reasons)] }, id: "denied")
        }
        if !p.agencies.isEmpty {
            main += "<h2>Agencies</h2>\n"
            for agency in p.agencies { main += handshake(agency, page) }
        }
        if !p.tokens.isEmpty {
            main += "<h2>Tokens</h2>\n"
            main += h.table("Tokens of \(p.id)", ["Token", "Environment", "Scopes", "Owner", "Expires", "State"], p.tokens.map { t in
                let state = t.grant.suspended.isEmpty ? "<span class=\"ok\">active</span>"
                    : "<span class=\"warning\">suspended</span>\(h.reasons(t.grant.suspended))"
                return [page.subjectLink(t.subject), t.grant.environment?.rawValue ?? "(none)",
                        t.grant.declared.map(\.rawValue).joined(separator: ", "),
                        t.document.owner.map { Subject($0.value).map(page.subjectLink) ?? h.text($0.value) } ?? "(none)",
                        t.grant.expires?.description ?? "(none)", state]
            }, id: "tokens")
        }
        return page.document(main)
    }

    private static func handshake(_ a: AgencyHandshake, _ page: ReportPage) -> String {
        let h = ReportHTML.self
        var out = "<section class=\"agency\" id=\"agency-\(XMLText.attribute(a.agency))\"><h3>\(h.text(a.agency))"
        out += (a.name.map { " (\(h.text($0)))" } ?? "") + "</h3>\n<ol>"
        if let status = a.status {
            out += "<li>Relation: \(mark(a.isActive)) \(status.value.rawValue) (\(h.location(status.location)))</li>"
        } else {
            out += "<li>Relation: \(mark(false)) none (no <code>\(h.text(a.partnerFile))</code>)</li>"
        }
        if let enabled = a.enabled {
            out += "<li>Enabled on the project: \(mark(a.isEnabled)) \(enabled.value) (\(h.location(enabled.location)))</li>"
        } else {
            out += "<li>Enabled on the project: \(mark(false)) not written</li>"
        }
        out += "</ol>\n"
        out += h.table("Handshake of \(a.agency)'s people on this project", ["Person", "3. Activated", "4. Role set", "Result"], a.people.map { person in
            let activated = person.activation.map { "\(mark(true)) \(h.location($0))" } ?? "\(mark(false)) not activated"
            let role = person.role.map { "\(mark($0.value != .owner)) \($0.value.rawValue) (\(h.location($0.location)))" } ?? "\(mark(false)) no role"
            let result = person.result.map { "<span class=\"\(h.roleClass($0.rawValue))\">\($0.rawValue)</span>" } ?? "no access"
            return [page.subjectLink(person.subject), activated, role, result]
        })
        return out + "</section>\n"
    }

    /// The permissions a holder has beyond its role's (from the handover and Facebook
    /// lists) and those of the role it lacks (analytics.facebook without a facebookId).
    private static func beyond(_ holder: ProjectReport.Holder) -> String {
        let base = Set(holder.role.basePermissions + holder.role.templatePermissions), held = Set(holder.permissions)
        let more = held.subtracting(base).sorted().map { "+" + $0.rawValue }
        let less = base.subtracting(held).sorted().map { "−" + $0.rawValue }
        return (more + less).joined(separator: ", ")
    }

    /// A done or missing step, in words for screen readers and print.
    private static func mark(_ done: Bool) -> String {
        done ? "<span class=\"ok\">✓ done</span>" : "<span class=\"error\">✗ missing</span>"
    }
}
