/// A whole tree, its documents indexed by id. Built from parsed files by `assemble`.
public struct OrgTree: Sendable {
    public var organization: OrganizationDocument?
    public var people: [String: PersonDocument] = [:]
    public var teams: [String: TeamDocument] = [:]
    public var projects: [String: ProjectDocument] = [:]
    /// Tokens by project id.
    public var tokens: [String: [TokenDocument]] = [:]
    public var partners: [String: PartnerDocument] = [:]
    /// Agency people by agency id, then person id.
    public var agencyPeople: [String: [String: PersonDocument]] = [:]
    public var assertions: [Assertion] = []
    /// Every file that was read, sorted.
    public var files: [String] = []
    /// Org people and agency people in path order (people/ before partners/), built once.
    public private(set) var allPeopleByPath: [PersonDocument] = []

    public init() {}

    /// Puts parsed files together. Reports what is missing between files: the
    /// organization file, a project folder without `project.yaml`, an agency folder
    /// without `partner.yaml`.
    public static func assemble(_ parsed: [ParsedFile]) -> (tree: OrgTree, diagnostics: [Diagnostic]) {
        var tree = OrgTree()
        var diagnostics: [Diagnostic] = []
        var tokenFiles: [String: String] = [:]
        // Sized once: growing a table of 100,000 people doubles it for a moment.
        tree.files.reserveCapacity(parsed.count)
        tree.people.reserveCapacity(parsed.count { if case .person(let p)? = $0.document, case .person = p.subject { true } else { false } })
        for file in parsed {
            tree.files.append(file.path)
            diagnostics.append(contentsOf: file.diagnostics)
            switch file.document {
            case .organization(let org)?: tree.organization = org
            case .person(let person)?:
                switch person.subject {
                case .agencyPerson(let agency, let id): tree.agencyPeople[agency, default: [:]][id] = person
                default: tree.people[person.id] = person
                }
            case .team(let team)?: tree.teams[team.id] = team
            case .project(let project)?: tree.projects[project.id] = project
            case .tokens(let project, let path, let tokens)?:
                tree.tokens[project] = tokens
                tokenFiles[project] = path
            case .partner(let partner)?: tree.partners[partner.id] = partner
            case .assertions(let assertions)?: tree.assertions.append(contentsOf: assertions)
            case nil: break
            }
        }
        if !tree.files.isSorted() { tree.files.sort() }
        if !tree.files.sortedContains("organization.yaml") {
            diagnostics.append(Diagnostic(.missingKey, "the tree has no organization.yaml; every tree describes one organization", at: .start(of: "organization.yaml")))
        }
        for (project, path) in tokenFiles where !tree.files.sortedContains("projects/\(project)/project.yaml") {
            diagnostics.append(Diagnostic(.missingKey, "projects/\(project)/ has tokens.yaml but no project.yaml", at: .start(of: path)))
        }
        for path in tree.files where path.hasPrefix("partners/") {
            let parts = path.split(separator: "/")
            if parts.count == 4, parts[0] == "partners", parts[2] == "people",
               !tree.files.sortedContains("partners/\(parts[1])/partner.yaml") {
                diagnostics.append(Diagnostic(.missingKey, "partners/\(parts[1])/ has people but no partner.yaml", at: .start(of: path)))
            }
        }
        tree.assertions.sort { $0.location < $1.location }
        tree.allPeopleByPath = parsed.compactMap { file -> PersonDocument? in
            if case .person(let person)? = file.document { return person }
            return nil
        }
        if !tree.allPeopleByPath.isSorted(by: { $0.file < $1.file }) {
            tree.allPeopleByPath.sort { $0.file < $1.file }
        }
        return (tree, diagnostics)
    }

    /// Ids in a stable order.
    public var personIDs: [String] { people.keys.sorted() }
    public var teamIDs: [String] { teams.keys.sorted() }
    public var projectIDs: [String] { projects.keys.sorted() }
    public var partnerIDs: [String] { partners.keys.sorted() }

    /// The file of a person or agency person, if it exists.
    public func person(_ subject: Subject) -> PersonDocument? {
        switch subject {
        case .person(let id): return people[id]
        case .agencyPerson(let agency, let id): return agencyPeople[agency]?[id]
        case .token: return nil
        }
    }

    public func token(project: String, id: String) -> TokenDocument? {
        tokens[project]?.first { $0.id.value == id }
    }

    /// Every subject of the tree, sorted: people, agency people, tokens.
    public var subjects: [Subject] {
        var result = personIDs.map(Subject.person)
        for agency in agencyPeople.keys.sorted() {
            result += agencyPeople[agency]!.keys.sorted().map { Subject.agencyPerson(agency: agency, person: $0) }
        }
        for project in tokens.keys.sorted() {
            result += tokens[project]!.map(\.subject).sorted()
        }
        return result
    }
}

extension Array {
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        indices.dropFirst().allSatisfy { !areInIncreasingOrder(self[$0], self[$0 - 1]) }
    }
}

extension Array where Element: Comparable {
    func isSorted() -> Bool { isSorted(by: <) }

    /// Whether a sorted array holds `element` (binary search).
    func sortedContains(_ element: Element) -> Bool {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < element { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == element
    }
}
