/// `tokens`: an API token of a project (`projects/PROJECT/tokens.yaml`). Its secret
/// and revocation are columns the store manages (`StateSchema`), not part of the row.
public struct TokenRow: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var project: String
        public var id: String
    }

    public var project: String
    public var id: String
    public var environment: String
    public var owner: String
    /// The scopes, as a `ListCoding` list.
    public var scopes: String
    /// `YYYY-MM-DD`, or empty.
    public var expires: String

    public var subject: Subject { .token(project: project, token: id) }
}

extension TokenRow: ProjectScopedRow {
    public static let table = StoreTable("tokens", ["project", "id", "environment", "owner", "scopes", "expires"], key: 2)

    public var key: Key { Key(project: project, id: id) }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: project
        case 1: id
        case 2: environment
        case 3: owner
        case 4: scopes
        case 5: expires
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(project: c[0], id: c[1], environment: c[2], owner: c[3], scopes: c[4], expires: c[5])
    }
}
