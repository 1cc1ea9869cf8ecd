/// A small tree for a rule's documentation and tests: files laid over `RuleExample.base`.
/// `↓` in a file's text marks where a diagnostic of the rule is expected.
public struct RuleExample: Sendable {
    public static let marker: Character = "↓"

    /// Files to add or replace (path → text with markers).
    public var files: [String: String]
    /// Files of the base tree to leave out.
    public var removing: [String]

    public init(_ files: [String: String], removing: [String] = []) {
        self.files = files
        self.removing = removing
    }

    /// The whole tree: base files overlaid with the example's, markers removed, sorted by path.
    public var tree: [(path: String, text: String)] {
        var all = Self.base
        for path in removing { all[path] = nil }
        for (path, text) in files { all[path] = text }
        return all.keys.sorted().map { ($0, all[$0]!.replacing(String(Self.marker), with: "")) }
    }

    /// Where the markers stand: file, line and column (in characters) of the character after each `↓`.
    public var markedLocations: [SourceLocation] {
        var result: [SourceLocation] = []
        for (path, text) in files {
            var line = 1, column = 1
            for character in text {
                if character == Self.marker {
                    result.append(SourceLocation(file: path, line: line, column: column))
                    continue
                }
                if character == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
        return result.sorted()
    }

    /// A minimal valid tree: an organization with its owner `ann`, a member `bob`, and a project `shop`.
    public static let base: [String: String] = [
        "organization.yaml": """
            id: acme
            name: Acme Inc.
            createdBy: ann
            plan:
              name: growth
              projects: 2
            billing:
              paymentMethod: card
            roles:
              owners: [ann]

            """,
        "people/ann.yaml": """
            firstName: Ann
            lastName: Lee
            email: ann@acme.example
            tfa:
              method: app

            """,
        "people/bob.yaml": """
            firstName: Bob
            lastName: Stone
            email: bob@acme.example
            tfa:
              method: app

            """,
        "projects/shop/project.yaml": """
            name: Shop
            environments: [production]

            """,
    ]
}
