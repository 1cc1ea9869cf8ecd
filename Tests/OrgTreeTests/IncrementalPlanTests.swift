import Foundation
import Testing
@testable import OrgTreeCore
@testable import OrgTreeState

/// `apply` recomputes only the subjects whose effective rows the tree's changes can touch
/// (`AffectedSubjects`). These tests check that shortcut against recomputing everyone: a
/// generated tree is applied to a store, then edited; the plan made the short way must
/// equal the plan made from every subject, and after applying it, recomputing everyone
/// must find nothing left to do.
@Suite("Incremental plans against recomputing every subject")
struct IncrementalPlanTests {
    typealias Edit = DiffPropertyTests.Edit
    static let day = DiffPropertyTests.day

    static let edits: [Edit] = DiffPropertyTests.edits + [
        Edit(name: "handover agent removed", apply: DiffPropertyTests.replacing("projects/proj-0003/project.yaml", "^    - p00162\\n", with: "")),
        Edit(name: "facebook admin removed", apply: DiffPropertyTests.replacing(
            "projects/proj-0003/project.yaml", "^facebookAnalytics:\\n  admins:\\n    - p00172\\n", with: "")),
        Edit(name: "token scope removed", apply: DiffPropertyTests.replacing("projects/proj-0001/tokens.yaml", "^      - events:write\\n", with: "")),
        Edit(name: "environment removed", apply: DiffPropertyTests.replacing("projects/proj-0001/project.yaml", "^  - staging\\n", with: "")),
        Edit(name: "agency role lowered", apply: DiffPropertyTests.replacing("projects/proj-0012/project.yaml", "^(      agency-1/p\\d+): editor$", with: "$1: reader")),
        Edit(name: "agency disabled on a project", apply: DiffPropertyTests.replacing("projects/proj-0012/project.yaml", "^    enabled: true$", with: "    enabled: false")),
        Edit(name: "agency person removed", apply: { files in
            var f = files
            f["partners/agency-1/people/p002.yaml"] = nil
            return f.mapValues { $0.replacing(/\n *- p002\n/, with: "\n").replacing(/\n *agency-1\/p002: \w+\n/, with: "\n") }
        }),
        Edit(name: "team removed", apply: { files in
            var f = files
            f["teams/team-003.yaml"] = nil
            return f.mapValues { $0.replacing(/\n    team-003: \w+\n/, with: "\n") }
        }),
        Edit(name: "included team loses a member", apply: { files in
            var f = files
            f["teams/team-003.yaml"]! += "includes:\n  - team-001\n"
            return DiffPropertyTests.replacing("teams/team-001.yaml", "^  - p\\d+\\n", with: "")(f)
        }),
        Edit(name: "person added", apply: { files in
            var f = files
            f["people/p00400.yaml"] = files["people/p00001.yaml"]!.replacing(/email: \S+/, with: "email: p00400@example.com")
            return DiffPropertyTests.replacing("teams/team-002.yaml", "^members:\\n", with: "members:\n  - p00400\n")(f)
        }),
    ]

    /// A tree's rows, effective rows and digest, ready for `StorePlan.make`.
    struct Desired {
        var result: ValidationResult
        var snapshot: StoreSnapshot
        var effective: EffectiveRowBuilder
        var digest: String

        init(_ files: [String: String]) {
            // Assertions are tests of the tree, not state; some edits make them fail.
            let files = files.filter { !$0.key.hasPrefix("assertions/") }
            result = Validator().validate(texts: files.keys.sorted().map { ($0, files[$0]!) }, at: IncrementalPlanTests.day)
            snapshot = StoreSnapshot(tree: result.tree, engine: result.engine)
            effective = EffectiveRowBuilder(engine: result.engine, day: IncrementalPlanTests.day)
            digest = Digests.tree(files.map { ($0.key, Array($0.value.utf8)) })
        }

        func plan(_ store: StateStore, recomputeAll: Bool) throws -> StorePlan {
            StorePlan.make(stored: try store.read(), desired: snapshot, effective: effective, treeDigest: digest, recomputeAll: recomputeAll)
        }
    }

    static func effectiveDigests(_ plan: StorePlan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.effective.map { ($0.subject, $0.digest) })
    }

    @Test("the short plan equals the full one, and leaves nothing to recompute", arguments: edits)
    func incrementalEqualsFull(_ edit: Edit) throws {
        let folder = TemporaryFolder()
        let store = try StateStore(.sqlite(path: folder.path + "/state.db"), readOnly: false)
        let base = Desired(DiffPropertyTests.base)
        #expect(base.result.errors.isEmpty, "\(base.result.errors.prefix(3))")
        _ = try store.apply(try base.plan(store, recomputeAll: false), actor: nil, gitCommit: nil, lockWait: 0) { _ in }

        // Some edits leave the tree invalid (apply would refuse it); the plan's arithmetic
        // must hold all the same.
        let edited = Desired(edit.apply(DiffPropertyTests.base))
        let short = try edited.plan(store, recomputeAll: false)
        let full = try edited.plan(store, recomputeAll: true)
        #expect(!full.isEmpty, "the edit changes nothing in the store")
        #expect(short.changes == full.changes)
        #expect(Self.effectiveDigests(short) == Self.effectiveDigests(full))
        #expect(short.removedSubjects == full.removedSubjects)

        _ = try store.apply(short, actor: nil, gitCommit: nil, lockWait: 0) { _ in }
        let after = try edited.plan(store, recomputeAll: true)
        #expect(after.isEmpty, "left behind: \(after.effective.map(\.subject).prefix(5)) \(after.removedSubjects.prefix(5))")
    }

    @Test("an org-wide change recomputes everyone; a team change only its members")
    func affectedSubjects() throws {
        let engine = Desired(DiffPropertyTests.base).result.engine
        let acme = try OrganizationRow(columns: ["acme"] + Array(repeating: "", count: 9))
        let org = RowChange(.update, before: acme, after: acme)
        #expect(AffectedSubjects.keys(changes: [org], engine: engine) == nil)
        let include = RowChange(.insert, before: nil, after: TeamIncludeRow(team: "team-003", included: "team-001"))
        let members = Set(engine.membersOf["team-001"]!.keys)
        #expect(!members.isEmpty)
        #expect(AffectedSubjects.keys(changes: [include], engine: engine) == members)
        let member = RowChange(.delete, before: TeamMemberRow(team: "team-001", person: "p00005"), after: nil)
        #expect(AffectedSubjects.keys(changes: [member], engine: engine) == ["p00005"])
    }

    @Test("team nesting of many paths keeps the whole membership and recomputes only its members")
    func hostileNesting() throws {
        // 13 layers of two teams, each including both teams below: 8,192 include paths
        // from the top, and one member at the bottom.
        var files = ["people/ann.yaml": "firstName: Ann\nlastName: A\nemail: ann@example.com\ntfa:\n  method: app\n"]
        for layer in 0..<13 {
            for side in ["a", "b"] {
                let below = layer < 12 ? "includes:\n  - t\(layer + 1)a\n  - t\(layer + 1)b\n" : ""
                files["teams/t\(layer)\(side).yaml"] = "name: T\nmembers:\n" + (layer == 12 && side == "a" ? "  - ann\n" : "  []\n") + below
            }
        }
        let engine = Validator().validate(texts: files.keys.sorted().map { ($0, files[$0]!) }, at: Self.day).engine
        let chain = try #require(engine.membersOf["t0b"]?["ann"])
        #expect(chain.count == 1)
        #expect(chain[0].steps.map(\.text) == (1...12).map { "includes t\($0)a" } + ["members ann"])
        let member = RowChange(.delete, before: TeamMemberRow(team: "t12a", person: "ann"), after: nil)
        #expect(AffectedSubjects.keys(changes: [member], engine: engine) == ["ann"])
    }
}
