import OrgTreeCore

/// Every file of a report's site, relative to its folder, made one at a time as the
/// sequence is read (so a large tree's pages are not all held at once): the overview,
/// the matrix pages, the lists of subjects and projects, a page per subject and per
/// project. Same report, same bytes.
public enum ReportSite {
    public static func files(_ report: AccessReport) -> some Sequence<(path: String, text: String)> {
        let fixed: [(path: String, text: String)] = [
            (ReportPaths.overview, OverviewPageRendering.render(report)),
            (ReportPaths.subjects, IndexPageRendering.subjects(report)),
            (ReportPaths.projects, IndexPageRendering.projects(report)),
        ]
        let matrix = rendered(report.matrixPages) { (path: $0.file, text: MatrixPageRendering.render(report, $0)) }
        let subjects = rendered(report.subjects) { subject in
            (path: ReportPaths.subject(subject), text: SubjectPageRendering.render(report, report.subjectReport(subject)))
        }
        let projects = rendered(report.projectIDs) { id in
            (path: ReportPaths.project(id), text: ProjectPageRendering.render(report, report.projectReport(id)))
        }
        return [AnySequence(fixed), AnySequence(matrix), AnySequence(subjects), AnySequence(projects)].joined()
    }

    /// Pages made on all cores a batch at a time, in order, as the sequence is read.
    private static func rendered<Item: Sendable>(_ items: [Item], batch: Int = 256,
                                                 _ page: @escaping @Sendable (Item) -> (path: String, text: String))
        -> some Sequence<(path: String, text: String)> {
        stride(from: 0, to: items.count, by: batch).lazy.flatMap { start in
            ConcurrentMap.map(Array(items[start..<min(start + batch, items.count)]), page)
        }
    }

    /// The paths `files` gives, in the same order, without making the pages.
    public static func paths(_ report: AccessReport) -> [String] {
        [ReportPaths.overview, ReportPaths.subjects, ReportPaths.projects] + report.matrixPages.map(\.file)
            + report.subjects.map(ReportPaths.subject) + report.projectIDs.map(ReportPaths.project)
    }
}
