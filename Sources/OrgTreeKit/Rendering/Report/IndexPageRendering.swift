import OrgTreeCore

/// `subjects.html` and `projects.html`: every subject and every project, each linking to
/// its page.
enum IndexPageRendering {
    static func subjects(_ report: AccessReport) -> String {
        let page = ReportPage(path: ReportPaths.subjects, title: "Subjects", report: report)
        var people: [String] = [], agency: [String] = [], tokens: [String] = []
        for subject in report.subjects {
            switch subject {
            case .person: people.append(page.subjectLink(subject))
            case .agencyPerson: agency.append(page.subjectLink(subject))
            case .token: tokens.append(page.subjectLink(subject))
            }
        }
        var main = ""
        for (title, links) in [("People of the organization", people), ("Agency people", agency), ("Tokens", tokens)] where !links.isEmpty {
            main += "<h2>\(title) (\(links.count))</h2>\n<ul>\n" + links.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
        }
        return page.document(main)
    }

    static func projects(_ report: AccessReport) -> String {
        let page = ReportPage(path: ReportPaths.projects, title: "Projects", report: report)
        let tree = report.tree
        let rows = report.projectIDs.map { id -> [String] in
            let project = tree.projects[id]!
            return [page.projectLink(id), ReportHTML.text(project.name?.value ?? ""),
                    report.engine.defaultSetting(on: id).setting.description,
                    project.environments.map(\.value.rawValue).joined(separator: ", "),
                    project.partners.map { ReportHTML.text($0.agency.value) }.joined(separator: ", "),
                    "\(tree.tokens[id]?.count ?? 0)"]
        }
        let main = ReportHTML.table("Projects", ["Project", "Name", "Default role", "Environments", "Agencies", "Tokens"], rows, id: "project-list")
        return page.document(main)
    }
}
