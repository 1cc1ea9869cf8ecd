import Foundation
import Testing
@testable import OrgTreeCore
@testable import OrgTreeState

/// One approvals model for `diff --actor` and `apply --actor`: the same changes, judged by
/// the same rules. `apply` sees the change as the store's state (the tree read back from
/// its rows) against the tree; `diff` as OLD against NEW.
@Suite("Approvals: diff --actor and apply --actor agree")
struct ApprovalsTests {
    typealias Edit = DiffPropertyTests.Edit

    /// A tree's files without its assertions (tests of the tree, which the store does not
    /// keep), validated.
    static func result(_ files: [String: String]) -> ValidationResult {
        let files = files.filter { !$0.key.hasPrefix("assertions/") }
        return Validator().validate(texts: files.keys.sorted().map { ($0, files[$0]!) }, at: DiffPropertyTests.day)
    }

    /// For every edit of the generated tree and every person and agency person of OLD: `diff --actor` flags a
    /// change exactly when `apply --actor`, planned against a store holding OLD, refuses.
    @Test("the same refusals for every person and edit", arguments: IncrementalPlanTests.edits)
    func sameRefusals(edit: Edit) {
        let old = Self.result(DiffPropertyTests.base)
        let new = Self.result(edit.apply(DiffPropertyTests.base))
        let day = DiffPropertyTests.day
        let diff = TreeDiffer(old: old.engine, new: new.engine, day: day).diff()
        let stored = StoreSnapshot(tree: old.tree, engine: old.engine)
        let (applied, storeEngine) = DeploymentApprovals.changes(from: stored, to: new.engine, day: day)
        var refusing = 0
        let actors = old.tree.subjects.filter(\.isPersonLike)
        for actor in actors {
            let person = actor.description
            let byDiff = diff.checked(actor: actor, against: old.engine).flagged
            let byApply = DeploymentApprovals.refusal(Approvals(judgedBy: storeEngine).check(applied, actor: actor), actor: actor)
            #expect(byDiff.isEmpty == (byApply == nil), "\(edit.name): \(person): diff flags \(byDiff.count), apply \(byApply?.details ?? [])")
            if byApply != nil { refusing += 1 }
        }
        // Every edit is one that somebody may not make alone.
        #expect(refusing > 0, "\(edit.name)")
    }

    /// The cases where the two used to disagree, end to end on each store.
    @Test("owning through a team, projects.create, billing.manage", arguments: StoreKind.available)
    func formerDisagreements(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let old = try StoreTests.sampleCopy(in: store.tmp)
        // hugo owns helpdesk through team backend; gina holds projects.create (and the plan
        // has room for a fifth project); fatima holds billing.manage.
        try StoreTests.edit(old + "/projects/helpdesk/project.yaml") { $0.replacingOccurrences(of: "\n  teams:\n", with: "\n  teams:\n    backend: owner\n") }
        try StoreTests.edit(old + "/organization.yaml") {
            $0.replacingOccurrences(of: "permissions:\n", with: "permissions:\n  billing.manage: [fatima]\n")
                .replacingOccurrences(of: "extraProjects: 1", with: "extraProjects: 2")
        }
        #expect(try runOrgtree(["apply", old, "--state", store.url, "--at", StoreTests.day, "--secrets-out", store.tmp + "/s0"]).status == 0)
        let cases: [(actor: String, edit: (String) throws -> Void)] = [
            ("hugo", { try StoreTests.edit($0 + "/projects/helpdesk/project.yaml") { $0.replacingOccurrences(of: "\n  people:\n", with: "\n  people:\n    pia: reader\n") } }),
            ("gina", { tree in
                try FileManager.default.createDirectory(atPath: tree + "/projects/blog", withIntermediateDirectories: true)
                try "name: Blog\nenvironments: [production]\n".write(toFile: tree + "/projects/blog/project.yaml", atomically: true, encoding: .utf8)
            }),
            ("fatima", { try StoreTests.edit($0 + "/organization.yaml") { $0.replacingOccurrences(of: "extraProjects: 2", with: "extraProjects: 3") } }),
            ("kai", { try StoreTests.edit($0 + "/organization.yaml") { $0.replacingOccurrences(of: "extraProjects: 2", with: "extraProjects: 3") } }),
        ]
        for (i, c) in cases.enumerated() {
            let new = store.tmp + "/new-\(i)"
            try FileManager.default.copyItem(atPath: old, toPath: new)
            try c.edit(new)
            let diff = try runOrgtree(["diff", old, new, "--actor", c.actor, "--format", "json", "--at", StoreTests.day])
            #expect(diff.status == 1, "\(c.actor): \(diff.stderr)")
            let summary = try #require((try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any])
            let flagged = summary["actor_flagged"] as? Int ?? -1
            let plan = try runOrgtree(["plan", new, "--state", store.url, "--actor", c.actor, "--format", "json", "--at", StoreTests.day])
            let planned = ((try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])?["effective_changes"] as? [String: Any])?["summary"] as? [String: Any]
            #expect(planned?["actor_flagged"] as? Int == flagged, "\(c.actor)")
            let apply = try runOrgtree(["apply", new, "--state", store.url, "--actor", c.actor, "--at", StoreTests.day, "--secrets-out", store.tmp + "/s\(i)"])
            #expect((apply.status == 1) == (flagged > 0), "\(c.actor): diff flags \(flagged); apply: \(apply.stderr)")
            #expect(apply.stderr.contains("may not make") == (flagged > 0), "\(c.actor): \(apply.stderr)")
            if apply.status == 0 {
                // Back to OLD for the next case.
                #expect(try runOrgtree(["apply", old, "--state", store.url, "--at", StoreTests.day, "--secrets-out", store.tmp + "/r\(i)"]).status == 0)
            }
        }
    }
}
