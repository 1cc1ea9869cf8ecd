import OrgTreeCore

/// One cell of the access matrix: what a subject holds on a project.
public enum MatrixCell: Hashable, Sendable {
    case noAccess
    case role(EffectiveRole)
    /// A token on its own project: its effective scopes (none when suspended).
    case scopes([TokenScope])

    /// The role's name, `token` for a token's scopes, nil for no access (the matrix
    /// filter's role names).
    public var roleName: String? {
        switch self {
        case .noAccess: nil
        case .role(let role): role.rawValue
        case .scopes: "token"
        }
    }
}

/// One subject's row of the matrix, compact: the cells of every project follow from its
/// base (the project defaults, owner everywhere, or nothing) except `overrides`.
struct SubjectCells: Sendable {
    enum Base: Hashable, Sendable {
        /// An org member: each project's default role.
        case defaults
        /// An org owner or admin: owner of every project.
        case ownerEverywhere
        /// Agency people and tokens: nothing but what names them.
        case nothing
    }

    var subject: Subject
    var orgRole: OrgRole?
    var orgPermissions: [OrgPermission]
    var base: Base
    /// Project index → cell, where it differs from the base; by project index.
    var overrides: [(project: Int, cell: MatrixCell)]
    /// The projects whose access names the subject (an entry, a team, a list, a partner step).
    var specific: [String]

    /// Each project's default cell, by project index.
    static func defaultCells(_ engine: AccessEngine, _ projects: [String]) -> [MatrixCell] {
        projects.map { engine.defaultSetting(on: $0).setting.role.map { .role(EffectiveRole($0)) } ?? .noAccess }
    }

    /// The rows of every subject, computed on all cores.
    static func all(_ subjects: [Subject], matrix: AccessMatrix, projects: [String], day: Day) -> [SubjectCells] {
        let defaults = defaultCells(matrix.engine, projects)
        var index: [String: Int] = [:]
        for (i, p) in projects.enumerated() { index[p] = i }
        let projectIndex = index
        return ConcurrentMap.map(subjects) { subject in
            cells(of: subject, matrix: matrix, defaults: defaults, projectIndex: projectIndex, day: day)
        }
    }

    private static func cells(of subject: Subject, matrix: AccessMatrix, defaults: [MatrixCell],
                              projectIndex: [String: Int], day: Day) -> SubjectCells {
        let engine = matrix.engine
        var row = SubjectCells(subject: subject, orgPermissions: [], base: .nothing, overrides: [], specific: [])
        switch subject {
        case .token(let project, let id):
            guard let token = engine.tree.token(project: project, id: id), let i = projectIndex[project] else { return row }
            row.overrides = [(i, .scopes(engine.tokenAccess(token, at: day).scopes.keys.sorted()))]
            row.specific = [project]
            return row
        case .person(let person):
            row.orgRole = engine.orgRoleOnly(of: person)
            row.orgPermissions = engine.orgPermissionsOnly(of: person)
            if row.orgRole?.isProjectOwnerEverywhere == true {
                row.base = .ownerEverywhere
                return row
            }
            if row.orgRole != nil { row.base = .defaults }
        case .agencyPerson:
            break
        }
        row.specific = matrix.specificProjects(of: subject)
        for project in row.specific {
            guard let i = projectIndex[project] else { continue }
            let cell: MatrixCell = engine.roleOnly(of: subject, on: project).map { .role($0.role) } ?? .noAccess
            let baseCell: MatrixCell = row.base == .defaults ? defaults[i] : .noAccess
            if cell != baseCell { row.overrides.append((i, cell)) }
        }
        return row
    }

    /// The cell on project `i`.
    func cell(_ i: Int, defaults: [MatrixCell]) -> MatrixCell {
        if let override = overrides.first(where: { $0.project == i }) { return override.cell }
        switch base {
        case .defaults: return defaults[i]
        case .ownerEverywhere: return .role(.owner)
        case .nothing: return .noAccess
        }
    }
}
