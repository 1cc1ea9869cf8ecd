import OrgTreeCore

/// The access matrix, one page per range of projects (and of rows, when many): a row per
/// group of subjects with the same access, each project's role, then the org role and org
/// permissions as columns of their own; a filter above.
enum MatrixPageRendering {
    /// Subjects of a row shown as links; the others of a larger group are listed as text.
    static let linkedMembers = 20

    static func render(_ report: AccessReport, _ matrix: MatrixPage) -> String {
        let page = ReportPage(path: matrix.file, title: "Access matrix", report: report)
        let h = ReportHTML.self
        var main = "<p>Each row is a group of subjects with the same org role, org permissions and role on every project "
        main += "of this page. An empty cell is no access; agency people's rows are striped and tagged, tokens show their scopes "
        main += "on their own project. Each subject's and project's page says why.</p>\n"
        if report.matrixPages.count > 1 { main += pages(report, current: matrix.number, page) }
        main += filters(shown: matrix.rows.count)
        let orgColumns = OrgPermission.allCases
        var caption = "Roles of subjects on \(counted(matrix.projects.count, "project"))"
        if matrix.rows.count < matrix.rowsOfProjects {
            caption += ", rows \(matrix.firstRow + 1)–\(matrix.firstRow + matrix.rows.count) of \(matrix.rowsOfProjects)"
        }
        main += "<table id=\"matrix\" class=\"matrix\"><caption>\(h.text(caption))</caption><thead><tr>"
        main += "<th scope=\"col\">Subjects</th>"
        main += matrix.projects.map { "<th scope=\"col\" data-project=\"\(XMLText.attribute($0))\">\(page.projectLink($0))</th>" }.joined()
        main += "<th scope=\"col\">Org role</th>" + orgColumns.map { "<th scope=\"col\" class=\"o\">\($0.rawValue)</th>" }.joined()
        main += "</tr></thead>\n<tbody>\n"
        for row in matrix.rows {
            let subjects = row.members.map { report.subjects[$0] }
            let kind = kind(subjects[0])
            main += kind.isEmpty ? "<tr>" : "<tr class=\"k-\(kind)\">"
            main += "<th scope=\"row\">\(members(subjects, page))\(kind.isEmpty ? "" : "<span class=\"tag\">\(kind)</span>")</th>"
            main += row.cells.map(cell).joined()
            main += "<td>\(row.orgRole?.rawValue ?? "")</td>"
            let held = Set(row.orgPermissions)
            main += orgColumns.map { held.contains($0) ? "<td class=\"o\">✓</td>" : "<td class=\"o\"></td>" }.joined()
            main += "</tr>\n"
        }
        main += "</tbody></table>\n"
        return page.document(main, script: MatrixScript.js)
    }

    private static func cell(_ cell: MatrixCell) -> String {
        switch cell {
        case .noAccess: "<td></td>"
        case .role(let role): "<td class=\"r-\(role.rawValue)\">\(role.rawValue)</td>"
        case .scopes(let scopes):
            "<td class=\"r-token\">\(scopes.isEmpty ? "suspended" : scopes.map(\.rawValue).joined(separator: " "))</td>"
        }
    }

    private static func kind(_ subject: Subject) -> String {
        switch subject {
        case .person: ""
        case .agencyPerson: "agency"
        case .token: "token"
        }
    }

    private static func members(_ subjects: [Subject], _ page: ReportPage) -> String {
        var out = subjects.prefix(linkedMembers).map(page.subjectLink).joined(separator: ", ")
        if subjects.count > linkedMembers {
            let rest = subjects.dropFirst(linkedMembers)
            out += "<details><summary>and \(rest.count) more</summary><span class=\"members\">"
            out += ReportHTML.text(rest.map(\.description).joined(separator: ", ")) + "</span></details>"
        }
        return out
    }

    private static func filters(shown: Int) -> String {
        var out = "<form class=\"filters\" role=\"search\" onsubmit=\"return false\">"
        out += "<div><label for=\"f-subject\">Subject</label><input id=\"f-subject\" type=\"search\" autocomplete=\"off\"></div>"
        out += "<div><label for=\"f-project\">Project</label><input id=\"f-project\" type=\"search\" autocomplete=\"off\"></div>"
        out += "<div><label for=\"f-role\">Role</label><select id=\"f-role\"><option value=\"\">any</option>"
        for role in ["owner", "editor", "reader", "template-editor", "template-reader", "token", "none"] {
            out += "<option value=\"\(role)\">\(role == "none" ? "no access" : role)</option>"
        }
        out += "</select></div><p id=\"f-count\" aria-live=\"polite\">\(shown) of \(shown) rows shown</p></form>\n"
        return out
    }

    private static func pages(_ report: AccessReport, current: Int, _ page: ReportPage) -> String {
        var out = "<nav aria-label=\"Matrix pages\"><ol class=\"pages\">"
        for p in report.matrixPages {
            var label = "projects \(p.projects.first ?? "")–\(p.projects.last ?? "")"
            if p.rows.count < p.rowsOfProjects { label += ", rows \(p.firstRow + 1)–\(p.firstRow + p.rows.count)" }
            out += p.number == current ? "<li aria-current=\"page\">\(ReportHTML.text(label))</li>" : "<li>\(page.link(p.file, label))</li>"
        }
        return out + "</ol></nav>\n"
    }
}
