/// Who can hold access: an org person (`ann`), an agency person (`pixel/gus`) or an
/// API token (`token:shop/ci-deploy`).
public enum Subject: Hashable, Sendable, Comparable, CustomStringConvertible {
    case person(String)
    case agencyPerson(agency: String, person: String)
    case token(project: String, token: String)

    public init?(_ text: String) {
        if text.hasPrefix("token:") {
            let parts = text.dropFirst(6).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, Identifier.isValid(parts[0]), Identifier.isValid(parts[1]) else { return nil }
            self = .token(project: String(parts[0]), token: String(parts[1]))
            return
        }
        // Most subjects are people: no '/' to split at.
        if !text.utf8.contains(UInt8(ascii: "/")) {
            guard Identifier.isValid(text) else { return nil }
            self = .person(text)
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where Identifier.isValid(parts[0]):
            self = .person(text)
        case 2 where Identifier.isValid(parts[0]) && Identifier.isValid(parts[1]):
            self = .agencyPerson(agency: String(parts[0]), person: String(parts[1]))
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .person(let id): return id
        case .agencyPerson(let agency, let person): return "\(agency)/\(person)"
        case .token(let project, let token): return "token:\(project)/\(token)"
        }
    }

    /// Where the subject's own file lives.
    public var path: String {
        switch self {
        case .person(let id): return "people/\(id).yaml"
        case .agencyPerson(let agency, let person): return "partners/\(agency)/people/\(person).yaml"
        case .token(let project, _): return "projects/\(project)/tokens.yaml"
        }
    }

    /// A token's project; nil for people.
    public var tokenProject: String? {
        if case .token(let project, _) = self { return project }
        return nil
    }

    private var kindRank: Int {
        switch self {
        case .person: return 0
        case .agencyPerson: return 1
        case .token: return 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.kindRank != rhs.kindRank { return lhs.kindRank < rhs.kindRank }
        return lhs.description < rhs.description
    }
}

/// Ids: file and folder names, `^[a-z0-9][a-z0-9-]{0,62}$`.
public enum Identifier {
    public static let pattern = "^[a-z0-9][a-z0-9-]{0,62}$"

    public static func isValid<S: StringProtocol>(_ text: S) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 63 else { return false }
        guard isLowerAlnum(first) else { return false }
        for byte in utf8.dropFirst() where !(isLowerAlnum(byte) || byte == UInt8(ascii: "-")) {
            return false
        }
        return true
    }

    private static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
