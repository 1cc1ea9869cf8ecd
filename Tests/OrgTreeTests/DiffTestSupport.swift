import Foundation
import Testing
import OrgTreeCore

/// Small trees for diff tests, on the rule examples' base (owner ann, member bob, project
/// shop with a production environment, org default editor).
enum DiffFixture {
    static func org(owners: String = "[ann]", admins: String = "[]", createdBy: String = "ann", projects: Int = 3,
                    permissions: String? = nil, defaults: String? = nil, extra: String = "") -> String {
        var text = "id: acme\nname: Acme Inc.\ncreatedBy: \(createdBy)\nplan:\n  name: growth\n  projects: \(projects)\n\(extra)"
        text += "billing:\n  paymentMethod: card\nroles:\n  owners: \(owners)\n  admins: \(admins)\n"
        if let permissions { text += "permissions:\n\(permissions)" }
        if let defaults { text += "defaults:\n  projectRole: \(defaults)\n" }
        return text
    }

    static func person(_ first: String, _ email: String, extra: String = "") -> String {
        "firstName: \(first)\nlastName: Test\nemail: \(email)\ntfa:\n  method: app\n\(extra)"
    }

    static func project(_ access: String = "", name: String = "Shop", environments: String = "[production]", extra: String = "") -> String {
        "name: \(name)\nenvironments: \(environments)\n" + (access.isEmpty ? "" : "access:\n" + access) + extra
    }

    /// ann (owner), bob, carl, dan, erin (members).
    static let people: [String: String] = [
        "people/carl.yaml": person("Carl", "carl@acme.example"),
        "people/dan.yaml": person("Dan", "dan@acme.example"),
        "people/erin.yaml": person("Erin", "erin@acme.example"),
    ]

    static let agency: [String: String] = [
        "partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [gus]\n",
        "partners/pixel/people/gus.yaml": person("Gus", "gus@pixel.example"),
        "partners/pixel/people/hana.yaml": person("Hana", "hana@pixel.example"),
    ]

    static func merged(_ parts: [String: String]...) -> [String: String] {
        parts.reduce(into: [:]) { $0.merge($1) { $1 } }
    }
}

/// Diffs two small trees (each the base with overrides). NEW must validate unless told otherwise.
func diffTrees(_ old: [String: String], _ new: [String: String], removingOld: [String] = [], removingNew: [String] = [],
               newMustValidate: Bool = true, workers: Int = 0, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TreeDiff {
    let before = validate(old, removing: removingOld)
    let after = validate(new, removing: removingNew)
    #expect(before.isValid, "OLD: \(before.diagnostics.map(\.description))", sourceLocation: sourceLocation)
    if newMustValidate {
        #expect(after.isValid, "NEW: \(after.diagnostics.map(\.description))", sourceLocation: sourceLocation)
    }
    return TreeDiffer(old: before.engine, new: after.engine, day: exampleDay, workers: workers).diff()
}

extension TreeDiff {
    func of(_ subject: String) -> [DiffChange] {
        changes.filter { $0.subject?.description == subject && !$0.isEntity }
    }

    var entities: [EntityChange] {
        changes.compactMap { if case .entity(let e) = $0.detail { return e } else { return nil } }
    }

    var defaultRoles: [DefaultRoleChange] {
        changes.compactMap { if case .defaultRole(let d) = $0.detail { return d } else { return nil } }
    }
}

extension DiffChange {
    var project: ProjectAccessChange? {
        if case .projectAccess(let p) = detail { return p }
        return nil
    }

    var token: TokenScopeChange? {
        if case .tokenScopes(let t) = detail { return t }
        return nil
    }
}
