import OrgTreeCore

/// What `orgtree report` shows, built once from a checked tree: the overview, the access
/// matrix (subjects with identical access grouped into one row, split into pages of
/// projects and rows), and a page per subject and per project, each made on demand so
/// that a large tree's site is written page by page. Pure: no I/O.
public struct AccessReport: Sendable {
    /// How much one page holds.
    public struct Limits: Sendable, Equatable {
        /// Project columns of one matrix page.
        public var projectsPerPage: Int
        /// Rows (groups of subjects) of one matrix page.
        public var rowsPerPage: Int
        /// Longer lists (the projects of a bulk grant, the projects without access) are
        /// counted rather than listed one by one.
        public var listed: Int

        public init(projectsPerPage: Int = 25, rowsPerPage: Int = 400, listed: Int = 50) {
            self.projectsPerPage = max(1, projectsPerPage)
            self.rowsPerPage = max(1, rowsPerPage)
            self.listed = max(0, listed)
        }
    }

    /// The tree as the user named it.
    public let name: String
    public let day: Day
    public let limits: Limits
    public let overview: ReportOverview
    public let projectIDs: [String]
    public let subjects: [Subject]
    /// The matrix pages, in order.
    public let matrixPages: [MatrixPage]

    let engine: AccessEngine
    let matrix: AccessMatrix
    /// Project → the subjects its access, its teams or an agency's activations name, sorted.
    let named: [String: [Subject]]
    /// The org people who own every project (owners, admins) and the other org people.
    let privileged: [String]
    let members: [String]
    /// The projects whose default gives no role, sorted.
    let noDefaultRole: [String]

    public init(_ checked: CheckedTree, day: Day, limits: Limits = Limits()) {
        let result = checked.result
        name = checked.report.root
        self.day = day
        self.limits = limits
        engine = result.engine
        matrix = AccessMatrix(engine: result.engine)
        projectIDs = result.tree.projectIDs
        subjects = result.tree.subjects
        overview = ReportOverview(checked)
        let cells = SubjectCells.all(subjects, matrix: matrix, projects: projectIDs, day: day)
        var named: [String: [Subject]] = [:]
        for row in cells {
            for project in row.specific { named[project, default: []].append(row.subject) }
        }
        self.named = named
        let people = result.tree.personIDs
        privileged = people.filter { result.engine.orgRoleOnly(of: $0)?.isProjectOwnerEverywhere == true }
        members = people.filter { result.engine.orgRoleOnly(of: $0) == .member }
        noDefaultRole = projectIDs.filter { result.engine.defaultSetting(on: $0).setting.role == nil }
        matrixPages = MatrixPage.pages(cells, projects: projectIDs, defaults: SubjectCells.defaultCells(engine, projectIDs), limits: limits)
    }

    public var tree: OrgTree { engine.tree }
}
