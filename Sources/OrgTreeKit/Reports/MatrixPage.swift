import OrgTreeCore

/// A row of the access matrix: subjects of one kind with the same org role, the same org
/// permissions and the same cell on every project of the page.
public struct MatrixRow: Sendable {
    /// Indexes into `AccessReport.subjects`, in order.
    public var members: [Int]
    public var orgRole: OrgRole?
    public var orgPermissions: [OrgPermission]
    /// One cell per project of the page.
    public var cells: [MatrixCell]
}

/// One page of the access matrix: a range of projects (the columns) and of rows.
public struct MatrixPage: Sendable {
    /// 1-based.
    public var number: Int
    public var projects: [String]
    public var rows: [MatrixRow]
    /// Where the page's rows start among the rows of its projects, and how many those are.
    public var firstRow: Int
    public var rowsOfProjects: Int

    /// `matrix.html`, then `matrix-2.html`, …
    public var file: String { Self.file(number) }

    public static func file(_ number: Int) -> String { number == 1 ? "matrix.html" : "matrix-\(number).html" }

    private struct RowKey: Hashable {
        var kind: Int
        var orgRole: OrgRole?
        var orgPermissions: [OrgPermission]
        var base: SubjectCells.Base
        var projects: [Int]
        var cells: [MatrixCell]
    }

    /// Groups the subjects' rows for each range of projects and splits the groups into pages.
    static func pages(_ rows: [SubjectCells], projects: [String], defaults: [MatrixCell],
                      limits: AccessReport.Limits) -> [MatrixPage] {
        var pages: [MatrixPage] = []
        let chunks = stride(from: 0, to: max(projects.count, 1), by: limits.projectsPerPage).map {
            $0..<min($0 + limits.projectsPerPage, projects.count)
        }
        for chunk in chunks {
            var groups: [RowKey: Int] = [:]
            var grouped: [MatrixRow] = []
            for (i, row) in rows.enumerated() {
                let inChunk = row.overrides.filter { chunk.contains($0.project) }
                let key = RowKey(kind: kind(row.subject), orgRole: row.orgRole, orgPermissions: row.orgPermissions,
                                 base: row.base, projects: inChunk.map(\.project), cells: inChunk.map(\.cell))
                if let g = groups[key] {
                    grouped[g].members.append(i)
                } else {
                    groups[key] = grouped.count
                    grouped.append(MatrixRow(members: [i], orgRole: row.orgRole, orgPermissions: row.orgPermissions,
                                             cells: chunk.map { row.cell($0, defaults: defaults) }))
                }
            }
            for start in stride(from: 0, to: max(grouped.count, 1), by: limits.rowsPerPage) {
                let end = min(start + limits.rowsPerPage, grouped.count)
                pages.append(MatrixPage(number: pages.count + 1, projects: Array(projects[chunk]), rows: Array(grouped[start..<end]),
                                        firstRow: start, rowsOfProjects: grouped.count))
            }
        }
        return pages
    }

    private static func kind(_ subject: Subject) -> Int {
        switch subject {
        case .person: 0
        case .agencyPerson: 1
        case .token: 2
        }
    }
}
