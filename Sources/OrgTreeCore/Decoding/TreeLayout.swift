/// Where each kind of file lives in a tree (layout v1) and what its path says about it.
public enum FileKind: Sendable, Hashable {
    case organization
    case person(id: String)
    case team(id: String)
    case project(id: String)
    case tokens(project: String)
    case partner(agency: String)
    case agencyPerson(agency: String, id: String)
    case assertions(name: String)
}

public enum TreeLayout {
    /// Where each file goes, as `orgtree rules unknown-key` shows it.
    public static let summary = """
        organization.yaml                        the org: plan, billing, roles, org grants, defaults
        people/<person>.yaml                     one file per person of the org
        teams/<team>.yaml                        named groups of people; may include other teams
        projects/<project>/project.yaml          one project: environments, access, partners
        projects/<project>/tokens.yaml           optional: the project's API tokens
        partners/<agency>/partner.yaml           relation to an agency, its owner, its activations
        partners/<agency>/people/<person>.yaml   the agency's people
        assertions/<name>.yaml                   access tests
        """

    public enum Placement: Sendable, Hashable {
        /// A file of the layout.
        case file(FileKind)
        /// Not orgtree's: other file types, hidden files and folders.
        case ignored
        /// A YAML file where the layout has no place for it.
        case unplaced(String)
        /// A YAML file in a place of the layout, but a name in its path is not a valid id.
        case invalidID(name: String, what: String)
    }

    /// Classifies a path relative to the tree root, `/`-separated.
    public static func placement(of path: String) -> Placement {
        // Split and compared on bytes: '/', '.' and the ASCII suffixes never occur inside a
        // multi-byte character (every tree file is classified, so this is kept cheap).
        let parts = path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        guard let last = parts.last else { return .ignored }
        if parts.contains(where: { $0.utf8.first == UInt8(ascii: ".") }) { return .ignored }
        let isYAML = endsWith(last, ".yaml")
        if endsWith(last, ".yml") {
            return .unplaced("orgtree reads '.yaml' files only; rename it to '\(last.dropLast(4)).yaml'")
        }
        if !isYAML {
            let lower = last.lowercased()
            guard endsWith(lower, ".yaml") || endsWith(lower, ".yml") else { return .ignored }
            let stem = last.dropLast(endsWith(lower, ".yml") ? 4 : 5)
            return .unplaced("orgtree reads files ending in '.yaml', in lower case; rename it to '\(stem.lowercased()).yaml'")
        }
        let stem = String(Substring(last.utf8.dropLast(5)))

        func checked(_ ids: [(String, String)], _ kind: FileKind) -> Placement {
            for (id, what) in ids where !Identifier.isValid(id) {
                return .invalidID(name: id, what: what)
            }
            return .file(kind)
        }

        switch parts.count {
        case 1 where last == "organization.yaml":
            return .file(.organization)
        case 2 where parts[0] == "people":
            return checked([(stem, "a person")], .person(id: stem))
        case 2 where parts[0] == "teams":
            return checked([(stem, "a team")], .team(id: stem))
        case 2 where parts[0] == "assertions":
            return checked([(stem, "an assertions file")], .assertions(name: stem))
        case 3 where parts[0] == "projects" && last == "project.yaml":
            return checked([(parts[1], "a project")], .project(id: parts[1]))
        case 3 where parts[0] == "projects" && last == "tokens.yaml":
            return checked([(parts[1], "a project")], .tokens(project: parts[1]))
        case 3 where parts[0] == "partners" && last == "partner.yaml":
            return checked([(parts[1], "an agency")], .partner(agency: parts[1]))
        case 4 where parts[0] == "partners" && parts[2] == "people":
            return checked([(parts[1], "an agency"), (stem, "an agency person")],
                           .agencyPerson(agency: parts[1], id: stem))
        default:
            return .unplaced("the tree layout has no place for '\(path)': \(whatGoes(in: parts))")
        }
    }

    /// Whether `text` ends with the ASCII `suffix`, byte for byte.
    private static func endsWith(_ text: String, _ suffix: StaticString) -> Bool {
        let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        return text.utf8.count >= tail.count && text.utf8.suffix(tail.count).elementsEqual(tail)
    }

    /// What the folder of an unplaced file holds, so that the message says where the file goes.
    static func whatGoes(in parts: [String]) -> String {
        let elsewhere = "`orgtree rules unknown-key` shows where each file goes"
        switch parts.first {
        case "people", "teams", "assertions":
            let noun = ["people": "person", "teams": "team", "assertions": "list of assertions"][parts[0]]!
            return "\(parts[0])/ holds one .yaml file per \(noun) and no folders"
        case "projects" where parts.count == 3:
            return "a project's folder holds project.yaml and tokens.yaml only"
        case "projects":
            return "projects/<project>/ holds project.yaml and tokens.yaml; \(elsewhere)"
        case "partners" where parts.count == 3:
            return "an agency's folder holds partner.yaml and people/<person>.yaml only"
        case "partners":
            return "partners/<agency>/ holds partner.yaml and people/<person>.yaml; \(elsewhere)"
        default:
            return "a tree holds organization.yaml and the folders people/, teams/, projects/, partners/ and assertions/; \(elsewhere)"
        }
    }
}
