/// `teams`: a team (`teams/ID.yaml` without its lists).
public struct TeamRow: Sendable, Hashable {
    public var id: String
    public var name: String
}

extension TeamRow: StoreRow {
    public static let table = StoreTable("teams", ["id", "name"], key: 1)

    public var key: String { id }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: id
        case 1: name
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(id: c[0], name: c[1])
    }
}

/// `team_members`: a person in a team's `members`.
public struct TeamMemberRow: Sendable, Hashable {
    public var team: String
    public var person: String
}

extension TeamMemberRow: StoreRow {
    public static let table = StoreTable("team_members", ["team", "person"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: team
        case 1: person
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(team: c[0], person: c[1])
    }
}

/// `team_includes`: a team in another team's `includes` (its members are members too).
public struct TeamIncludeRow: Sendable, Hashable {
    public var team: String
    public var included: String
}

extension TeamIncludeRow: StoreRow {
    public static let table = StoreTable("team_includes", ["team", "included"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: team
        case 1: included
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(team: c[0], included: c[1])
    }
}
