import OrgTreeCore

/// `index.html`: the organization, its plan and usage, owners and admins, the validation
/// result with every error and warning at its file:line, and each assertion's outcome.
enum OverviewPageRendering {
    static func render(_ report: AccessReport) -> String {
        let o = report.overview
        let page = ReportPage(path: ReportPaths.overview, title: o.organizationName ?? o.organizationID ?? report.name, report: report)
        let h = ReportHTML.self
        var main = "<section aria-labelledby=\"org\"><h2 id=\"org\">Organization</h2><dl>"
        main += "<dt>Id</dt><dd><code>\(h.text(o.organizationID ?? "(none)"))</code></dd>"
        main += "<dt>Plan</dt><dd>\(h.text(o.planName ?? "(none)"))\(o.isEnterprise ? " (enterprise agreement)" : "")</dd>"
        let limit = o.projectLimit.map { "\($0)" } ?? "no limit"
        main += "<dt>Projects</dt><dd id=\"usage\">\(o.projectsUsed) used of \(limit)"
        if let l = o.projectLimit, o.projectsUsed > l { main += " <span class=\"error\">over the plan's limit</span>" }
        main += "</dd>"
        main += "<dt>Owners</dt><dd>\(people(o.owners, page))</dd><dt>Admins</dt><dd>\(people(o.admins, page))</dd>"
        let c = o.counts
        main += "<dt>Tree</dt><dd>\(counted(c.files, "file")): \(counted(c.people, "person", plural: "people")), \(counted(c.teams, "team")), "
        main += "\(counted(c.projects, "project")), \(counted(c.tokens, "token")), \(counted(c.agencies, "agency", plural: "agencies")) "
        main += "with \(counted(c.agencyPeople, "person", plural: "people")), \(counted(c.assertions, "assertion"))</dd></dl></section>\n"

        main += "<section aria-labelledby=\"validation\"><h2 id=\"validation\">Validation</h2>\n<p id=\"validation-result\">"
        if o.isValid {
            main += "<span class=\"ok\">valid</span>" + (o.warningCount > 0 ? " with \(counted(o.warningCount, "warning"))" : "")
        } else {
            main += "<span class=\"error\">not valid</span>: \(counted(o.errorCount, "error")), \(counted(o.warningCount, "warning"))"
        }
        main += "</p>\n"
        if !o.diagnostics.isEmpty {
            main += h.table("Errors and warnings", ["Where", "Severity", "Message", "Rule"], o.diagnostics.map { d in
                ["<code>\(h.text(d.location.description))</code>", "<span class=\"\(d.severity.rawValue)\">\(d.severity.rawValue)</span>",
                 h.text(d.message) + d.notes.map { "<br>\(h.text($0))" }.joined(), "<code>\(d.rule.rawValue)</code>"]
            }, id: "diagnostics")
        }
        main += "</section>\n"

        let failing = o.assertions.count { !$0.holds }
        main += "<section aria-labelledby=\"assertions\"><h2 id=\"assertions\">Assertions</h2>\n<p id=\"assertions-result\">"
        main += "\(counted(o.assertions.count, "assertion")), \(failing == 0 ? "all hold" : "\(failing) not holding")</p>\n"
        if !o.assertions.isEmpty {
            main += h.table("Assertions and their outcome", ["Claim", "Where", "Outcome"], o.assertions.map { a in
                [h.text(a.claim), h.location(a.location),
                 "<span class=\"\(a.holds ? "ok" : "error")\">\(a.verdict)</span>" + (a.message.map { ": \(h.text($0))" } ?? "")]
            }, id: "assertion-table")
        }
        main += "</section>\n"
        main += "<section aria-labelledby=\"pages\"><h2 id=\"pages\">Pages</h2><ul>"
        main += "<li>\(page.link(MatrixPage.file(1), "The access matrix")): \(counted(report.matrixPages.count, "page")), subjects with the same access in one row</li>"
        main += "<li>\(page.link(ReportPaths.subjects, "Subjects")): \(counted(report.subjects.count, "page")), one per person, agency person and token</li>"
        main += "<li>\(page.link(ReportPaths.projects, "Projects")): \(counted(report.projectIDs.count, "page"))</li></ul></section>\n"
        return page.document(main)
    }

    private static func people(_ list: [Located<String>], _ page: ReportPage) -> String {
        guard !list.isEmpty else { return "(none)" }
        return list.map { entry in
            let link = Subject(entry.value).map(page.subjectLink) ?? ReportHTML.text(entry.value)
            return "\(link) (\(ReportHTML.location(entry.location)))"
        }.joined(separator: ", ")
    }
}
