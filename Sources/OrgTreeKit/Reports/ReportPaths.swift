import OrgTreeCore

/// Where each page of a report lives, relative to its folder. Subject and project pages
/// are one folder down; their names are made of the ids, every byte other than `a-z`,
/// `0-9` and `-` written `_xx` (so a name the id pattern refuses still makes one safe
/// file name), the parts of an agency person or a token joined with `.`, which no id
/// holds: `subjects/ann.html`, `subjects/pixel.gus.html`,
/// `subjects/token.shop.ci-deploy.html`, `projects/shop.html`.
public enum ReportPaths {
    public static let overview = "index.html"
    public static let subjects = "subjects.html"
    public static let projects = "projects.html"
    /// Marks a folder as an orgtree report and lists its files: a later report may
    /// replace them (`ReportFolder`).
    public static let marker = ".orgtree-report"

    public static func subject(_ subject: Subject) -> String {
        let name = switch subject {
        case .person(let id): safe(id)
        case .agencyPerson(let agency, let person): safe(agency) + "." + safe(person)
        case .token(let project, let token): "token." + safe(project) + "." + safe(token)
        }
        return "subjects/" + name + ".html"
    }

    public static func project(_ id: String) -> String {
        "projects/" + safe(id) + ".html"
    }

    /// An id as one file name: safe bytes kept, others escaped; a very long result is cut
    /// and ends with a hash of the whole, so that it stays one name a file system takes.
    static func safe(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "_" + String(byte, radix: 16).leftPadded(to: 2)
            }
        }
        if out.isEmpty { return "_" }
        guard out.utf8.count > 100 else { return out }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(out.prefix(80)) + "_" + String(hash, radix: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
