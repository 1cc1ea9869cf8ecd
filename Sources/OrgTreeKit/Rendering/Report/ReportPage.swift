import OrgTreeCore

/// The frame of every page of a report: the document, its title, the navigation, the
/// main content, the footer naming the tree and the day. Links are relative, so the
/// folder reads from `file://` and can be moved whole.
struct ReportPage {
    /// The page's path in the report folder.
    var path: String
    var title: String
    var report: AccessReport

    /// `../` for pages one folder down.
    var root: String { path.contains("/") ? "../" : "" }

    /// A link from this page to another page of the report.
    func href(_ target: String) -> String { XMLText.attribute(root + target) }

    func link(_ target: String, _ text: String) -> String {
        "<a href=\"\(href(target))\">\(XMLText.content(text))</a>"
    }

    func subjectLink(_ subject: Subject) -> String { link(ReportPaths.subject(subject), subject.description) }

    func projectLink(_ project: String) -> String { link(ReportPaths.project(project), project) }

    /// The whole document around `main`; `script` runs at the end of the body.
    func document(_ main: String, script: String? = nil) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(XMLText.content(title)) · orgtree report</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
        out += "<header><nav aria-label=\"Report\">\(link(ReportPaths.overview, "Overview")) \(link(MatrixPage.file(1), "Access matrix")) "
        out += "\(link(ReportPaths.subjects, "Subjects")) \(link(ReportPaths.projects, "Projects"))</nav></header>\n"
        out += "<main id=\"main\">\n<h1>\(XMLText.content(title))</h1>\n\(main)</main>\n"
        out += "<footer><p>orgtree report of <code>\(XMLText.content(report.name))</code>, evaluated on \(report.day)</p></footer>\n"
        if let script { out += "<script>\n\(script)\n</script>\n" }
        out += "</body>\n</html>\n"
        return out
    }
}

/// Pieces of HTML the pages share.
enum ReportHTML {
    static func text(_ text: String) -> String { XMLText.content(text) }

    /// `<code>file:line</code>`.
    static func location(_ location: SourceLocation) -> String {
        "<code>\(text(location.fileAndLine))</code>"
    }

    /// A chain of steps, outermost first, each with its file:line.
    static func chain(_ chain: Provenance) -> String {
        "<ol class=\"chain\">" + chain.steps.map { "<li>\(location($0.location)) \(text($0.text))</li>" }.joined() + "</ol>"
    }

    static func chains(_ chains: [Provenance]) -> String { chains.map(chain).joined() }

    static func reason(_ reason: Reason) -> String {
        text(reason.message) + (reason.location.map { " (\(location($0)))" } ?? "")
    }

    static func reasons(_ reasons: [Reason]) -> String {
        reasons.isEmpty ? "" : "<ul>" + reasons.map { "<li>\(reason($0))</li>" }.joined() + "</ul>"
    }

    /// A role as a coloured cell's content class: `r-editor`.
    static func roleClass(_ role: String) -> String { "r-" + role }

    /// A table with a caption, column headers and rows of ready cells.
    static func table(_ caption: String, _ headers: [String], _ rows: [[String]], id: String? = nil, classes: String? = nil) -> String {
        var out = "<table" + (id.map { " id=\"\($0)\"" } ?? "") + (classes.map { " class=\"\($0)\"" } ?? "") + ">"
        out += "<caption>\(text(caption))</caption><thead><tr>"
        out += headers.map { "<th scope=\"col\">\(text($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { out += "<tr>" + row.enumerated().map { $0 == 0 ? "<th scope=\"row\">\($1)</th>" : "<td>\($1)</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table>\n"
    }
}
