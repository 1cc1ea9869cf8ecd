import Foundation
import Testing
import OrgTreeCore

/// The diff looks only at the subject × project pairs whose inputs changed. These tests
/// check that shortcut against brute force: on a generated tree with one edit, every
/// subject on every project is compared in both trees, and the report must account for
/// exactly the pairs that differ (one by one, or through a default-role group), every
/// org role or permission that differs, and every token whose scopes differ.
@Suite("Diff against brute force")
struct DiffPropertyTests {
    static let day = Day("2026-06-01")!

    static let base: [String: String] = Dictionary(uniqueKeysWithValues:
        TreeGenerator(options: .init(people: 300, projects: 30, seed: 3, today: "2026-06-01")).files().map { ($0.path, $0.contents) })

    struct Edit: CustomTestStringConvertible, Sendable {
        var name: String
        /// OLD id → NEW id of a renamed person.
        var renamed: [String: String] = [:]
        var apply: @Sendable ([String: String]) -> [String: String]
        var testDescription: String { name }
    }

    /// Replaces the first match of a pattern in one file (the edit must apply).
    static func replacing(_ path: String, _ pattern: String, with template: String) -> @Sendable ([String: String]) -> [String: String] {
        { files in
            var files = files
            let text = files[path]!
            let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
            let range = regex.rangeOfFirstMatch(in: text, range: NSRange(text.startIndex..., in: text))
            precondition(range.location != NSNotFound, "\(pattern) not in \(path)")
            let match = Range(range, in: text)!
            files[path] = text.replacingCharacters(in: match, with: regex.replacementString(
                for: regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))!, in: text, offset: 0, template: template))
            return files
        }
    }

    static let edits: [Edit] = [
        Edit(name: "team membership", apply: replacing("teams/team-002.yaml", "^  - p\\d+$", with: "  - p00299")),
        Edit(name: "team includes another", apply: { files in
            var f = files
            f["teams/team-003.yaml"]! += "includes:\n  - team-001\n"
            return f
        }),
        Edit(name: "team role on a project", apply: replacing("projects/proj-0002/project.yaml", "^    (team-\\d+): \\w+$", with: "    $1: reader")),
        Edit(name: "project default", apply: { files in
            var f = files
            let text = f["projects/proj-0003/project.yaml"]!
            f["projects/proj-0003/project.yaml"] = text.contains("  default: ")
                ? text.replacing(/\ \ default: \w+\n/, with: "  default: editor\n")
                : text.replacing("access:\n", with: "access:\n  default: editor\n")
            return f
        }),
        Edit(name: "org default", apply: replacing("organization.yaml", "^  projectRole: \\w+$", with: "  projectRole: editor")),
        Edit(name: "explicit entry", apply: replacing("projects/proj-0001/project.yaml", "^(    p\\d+): \\w+$", with: "$1: none")),
        Edit(name: "promotion to admin", apply: replacing("organization.yaml", "^  admins:$", with: "  admins:\n    - p00010")),
        Edit(name: "owner removed", apply: replacing("organization.yaml", "^    - p00220\\n", with: "")),
        Edit(name: "single grant", apply: replacing("organization.yaml", "^permissions:$", with: "permissions:\n  billing.manage:\n    - p00030")),
        Edit(name: "agency pending", apply: replacing("partners/agency-1/partner.yaml", "^status: active$", with: "status: pending")),
        Edit(name: "activation removed", apply: replacing("partners/agency-1/partner.yaml", "^    - p\\d+\\n", with: "")),
        Edit(name: "project added", apply: { files in
            var f = files
            f["projects/proj-0099/project.yaml"] = files["projects/proj-0002/project.yaml"]!
            return f
        }),
        // A new admin owns a project added in NEW by role (implied) and the projects OLD
        // has (reported), and a person added as an owner owns every project by role.
        Edit(name: "promotion to admin and an owner added, with a project added", apply: { files in
            var f = replacing("organization.yaml", "^  admins:$", with: "  admins:\n    - p00010")(files)
            f = replacing("organization.yaml", "^  owners:$", with: "  owners:\n    - p00300")(f)
            f["people/p00300.yaml"] = files["people/p00299.yaml"]!.replacing("p00299", with: "p00300")
            f["projects/proj-0099/project.yaml"] = files["projects/proj-0002/project.yaml"]!
            return f
        }),
        Edit(name: "project removed, and a team it named changed", apply: { files in
            replacing("teams/team-001.yaml", "^  - p\\d+$", with: "  - p00299")(files.filter { !$0.key.hasPrefix("projects/proj-0002/") })
        }),
        Edit(name: "token owner demoted", apply: { files in
            // The first token whose owner is an explicit owner of its project becomes an editor there.
            for path in files.keys.sorted() where path.hasSuffix("/tokens.yaml") {
                let project = path.replacing("/tokens.yaml", with: "/project.yaml")
                for owner in files[path]!.matches(of: /owner: (p\d+)/).map({ String($0.1) }) {
                    let entry = "    \(owner): owner\n"
                    guard let text = files[project], text.contains(entry) else { continue }
                    var f = files
                    f[project] = text.replacing(entry, with: "    \(owner): editor\n")
                    return f
                }
            }
            preconditionFailure("no token owned by an explicit project owner")
        }),
        Edit(name: "person renamed", renamed: ["p00042": "q00042"], apply: { files in
            var out: [String: String] = [:]
            for (path, text) in files {
                out[path.replacing("people/p00042.yaml", with: "people/q00042.yaml")] = text.replacing(/\bp00042\b/, with: "q00042")
            }
            // The e-mail stays (written in other case): that makes it a rename.
            out["people/q00042.yaml"] = out["people/q00042.yaml"]!.replacing("email: q00042@example.com", with: "email: P00042@Example.com")
            return out
        }),
        Edit(name: "person added, in a team and with an entry of their own", apply: { files in
            var f = replacing("teams/team-002.yaml", "^  - (p\\d+)$", with: "  - $1\n  - p00300")(files)
            f = replacing("projects/proj-0001/project.yaml", "^(    p\\d+): (\\w+)$", with: "$1: $2\n    p00300: editor")(f)
            f["people/p00300.yaml"] = files["people/p00299.yaml"]!.replacing("p00299", with: "p00300")
            return f
        }),
        Edit(name: "person removed", apply: { files in
            var f = files
            f["people/p00100.yaml"] = nil
            return f
        }),
    ]

    struct Held: Equatable, CustomStringConvertible {
        var role: HeldRole
        var permissions: Set<ProjectPermission>
        var description: String { "\(role) \(permissions.map(\.rawValue).sorted())" }
    }

    static func held(_ engine: AccessEngine, _ subject: Subject?, _ project: String) -> Held? {
        guard let subject, engine.tree.projects[project] != nil else { return nil }
        let access = engine.projectAccess(of: subject, on: project)
        guard let role = access.role else { return nil }
        return Held(role: HeldRole(role: role, templates: access.templates),
                    permissions: Set(engine.permissions(from: access, of: subject, on: project).keys))
    }

    @Test("every differing pair is reported, and only those", arguments: edits)
    func reportMatchesBruteForce(_ edit: Edit) throws {
        let newFiles = edit.apply(Self.base)
        #expect(Self.base != newFiles, "the edit changed nothing")
        try Self.check(old: Self.base, new: newFiles, renamed: edit.renamed)
    }

    /// A plan against an empty store: everyone is added, and one by one only where they
    /// have access of their own. And the way back: everyone removed.
    @Test("a tree against nothing, and nothing against a tree")
    func everythingAddedOrRemoved() throws {
        try Self.check(old: [:], new: Self.base, renamed: [:])
        try Self.check(old: Self.base, new: [:], renamed: [:])
    }

    /// Compares the diff of OLD and NEW with brute force, pair by pair.
    static func check(old oldFiles: [String: String], new newFiles: [String: String], renamed: [String: String]) throws {
        func texts(_ files: [String: String]) -> [(path: String, text: String)] { files.keys.sorted().map { ($0, files[$0]!) } }
        let old = Validator().validate(texts: texts(oldFiles), at: Self.day).engine
        let new = Validator().validate(texts: texts(newFiles), at: Self.day).engine
        let diff = TreeDiffer(old: old, new: new, day: Self.day).diff()
        let back = Dictionary(uniqueKeysWithValues: renamed.map { ($1, $0) })
        for (from, to) in renamed {
            #expect(diff.entities.contains { $0.action == .renamed && $0.oldID == from && $0.id == to })
        }

        // Every subject, in NEW's terms, with its OLD counterpart.
        var identities = Set(new.tree.subjects.filter { if case .token = $0 { return false } else { return true } })
        for s in old.tree.subjects {
            switch s {
            case .person(let id): identities.insert(.person(renamed[id] ?? id))
            case .agencyPerson: identities.insert(s)
            case .token: break
            }
        }
        func oldSubject(_ s: Subject) -> Subject {
            if case .person(let id) = s, let o = back[id] { return .person(o) }
            return s
        }
        func orgRole(_ engine: AccessEngine, _ s: Subject) -> OrgRole? {
            if case .person(let id) = s { return engine.orgRole(of: id)?.role }
            return nil
        }

        // Brute force: every subject on every project of NEW.
        var expected: [String: (Held?, Held?)] = [:]
        for identity in identities.sorted() {
            let o = oldSubject(identity)
            let oldOrg = orgRole(old, o), newOrg = orgRole(new, identity)
            let oldPermissions = Set(old.orgPermissions(of: o).keys), newPermissions = Set(new.orgPermissions(of: identity).keys)
            let reported = diff.of(identity.description).contains { $0.kind == "org-role" || $0.kind == "org-permission" }
            #expect(reported == (oldOrg != newOrg || oldPermissions != newPermissions), "org level of \(identity)")
            for project in new.tree.projectIDs {
                let existed = old.tree.projects[project] != nil
                let a = existed ? Self.held(old, old.tree.person(o) == nil ? nil : o, project) : nil
                let b = Self.held(new, new.tree.person(identity) == nil ? nil : identity, project)
                if a == b { continue }
                if !existed, newOrg == .owner || newOrg == .admin { continue }
                expected["\(identity)@\(project)"] = (a, b)
            }
        }

        // What the report says, pair by pair.
        var covered = Set<String>()
        for change in diff.changes {
            guard let p = change.project, let subject = change.subject else { continue }
            for entry in p.projects {
                let key = "\(subject)@\(entry.project)"
                let pair = try #require(expected[key], "reported but unchanged: \(key) \(change.kind)")
                #expect(pair.0?.role == p.from && pair.1?.role == p.to, "\(key): \(String(describing: pair.0)) → \(String(describing: pair.1))")
                #expect(pair.1.map { $0.permissions.subtracting(pair.0?.permissions ?? []) } ?? [] == Set(p.gained), "gained on \(key)")
                covered.insert(key)
            }
        }
        for group in diff.defaultRoles {
            for subject in group.subjects {
                var used = false
                for project in group.projects.map(\.project) {
                    let key = "\(subject)@\(project)"
                    guard !covered.contains(key), let pair = expected[key], pair.0?.role.role == group.from, pair.1?.role.role == group.to,
                          pair.0?.role.templates ?? [] == [], pair.1?.role.templates ?? [] == [] else { continue }
                    covered.insert(key)
                    used = true
                }
                #expect(used, "default group names \(subject) but moves nothing of theirs")
            }
        }
        let missing = Set(expected.keys).subtracting(covered).sorted()
        #expect(missing.isEmpty, "not reported: \(missing.prefix(10))")

        // With the chains of the first project only (as a text plan asks for them): the
        // same changes in the same order, each project's chains as in the full diff for
        // the first project of a change and every project of a high-risk one, none for
        // the rest.
        let brief = TreeDiffer(old: old, new: new, day: Self.day, provenance: .firstProjects(1)).diff()
        try #require(brief.changes.count == diff.changes.count)
        for (short, full) in zip(brief.changes, diff.changes) {
            #expect(short.subject == full.subject && short.kind == full.kind && short.risk == full.risk && short.riskReasons == full.riskReasons)
            #expect(short.via == full.via && short.wasVia == full.wasVia)
            guard let p = full.project else {
                #expect(short.project == nil)
                continue
            }
            let q = try #require(short.project)
            #expect(q.projectIDs == p.projectIDs && q.from == p.from && q.to == p.to && q.gained == p.gained && q.lost == p.lost)
            for (i, (a, b)) in zip(q.projects, p.projects).enumerated() {
                let traced = i < 1 || full.risk == .high
                #expect(a.via == (traced ? b.via : []) && a.wasVia == (traced ? b.wasVia : []), "chains of \(full.subject?.description ?? "?") on \(b.project)")
            }
        }

        // Tokens: reported exactly when their effective scopes differ.
        var tokens = Set<Subject>()
        for side in [old, new] { for (_, list) in side.tree.tokens { tokens.formUnion(list.map(\.subject)) } }
        for token in tokens.sorted() {
            guard case .token(let project, let id) = token else { continue }
            let a = old.tree.token(project: project, id: id).map { Set(old.tokenAccess($0, at: Self.day).scopes.keys) } ?? []
            let b = new.tree.token(project: project, id: id).map { Set(new.tokenAccess($0, at: Self.day).scopes.keys) } ?? []
            let change = diff.of(token.description).first
            #expect((change != nil) == (a != b), "token \(token)")
            if let t = change?.token {
                #expect(Set(t.gained) == b.subtracting(a) && Set(t.lost) == a.subtracting(b))
            }
        }
        #expect(!diff.isEmpty)
    }
}
