import OrgTreeCore

/// How many files, people, teams, projects, tokens, agencies and assertions a tree holds.
public struct TreeCounts: Sendable, Codable, Equatable {
    public var files: Int
    public var people: Int
    public var agencyPeople: Int
    public var teams: Int
    public var projects: Int
    public var tokens: Int
    public var agencies: Int
    public var assertions: Int

    public init(_ tree: OrgTree) {
        files = tree.files.count
        people = tree.people.count
        agencyPeople = tree.agencyPeople.values.reduce(0) { $0 + $1.count }
        teams = tree.teams.count
        projects = tree.projects.count
        tokens = tree.tokens.values.reduce(0) { $0 + $1.count }
        agencies = tree.partners.count
        assertions = tree.assertions.count
    }
}
