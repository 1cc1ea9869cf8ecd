import Foundation
import Testing
@testable import OrgTreeCore

/// `diff --approved-by`: the approvals model of `--actor` applied to a set of people. A
/// change is approved when each approver it needs is one of them; exit 1 lists the others.
@Suite("diff --approved-by")
struct ApprovedByTests {
    typealias F = DiffFixture
    typealias Trees = DiffCommandTests.Trees

    /// pixel/hana gains reader on shop: a new activation (pixel's owner gus) and a role
    /// set on the project (its owner, ann by her org role).
    static let agencyOld = F.merged(F.people, F.agency, [
        "projects/shop/project.yaml": F.project(extra: "partners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: editor\n"),
    ])
    static let agencyNew = F.merged(F.people, F.agency, [
        "projects/shop/project.yaml": F.project(extra: "partners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: editor\n      pixel/hana: reader\n"),
        "partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [gus, hana]\n",
    ])

    func verdicts(_ diff: TreeDiff, _ approvers: [String], old: [String: String]) -> [String: ApprovalVerdict] {
        let checked = diff.checked(approvedBy: approvers.map { Subject($0)! }, against: validate(old).engine)
        return Dictionary(uniqueKeysWithValues: checked.changes.map { ("\($0.subject?.description ?? "-") \($0.kind)", $0.approval!) })
    }

    @Test func twoPartiesTogetherApproveWhatNeitherMayAlone() throws {
        let diff = diffTrees(Self.agencyOld, Self.agencyNew)
        let key = "pixel/hana project-access-gained"
        let owner = try #require(verdicts(diff, ["ann"], old: Self.agencyOld)[key])
        #expect(!owner.approved && owner.missing == [.agencyOwner("pixel")] && owner.by == [.person("ann")])
        let agency = try #require(verdicts(diff, ["pixel/gus"], old: Self.agencyOld)[key])
        #expect(!agency.approved && agency.missing == [.projectOwner(["shop"])])
        let both = try #require(verdicts(diff, ["pixel/gus", "ann"], old: Self.agencyOld)[key])
        #expect(both.approved && both.by == [.agencyPerson(agency: "pixel", person: "gus"), .person("ann")])
        // A member who owns nothing adds nothing.
        #expect(verdicts(diff, ["bob", "pixel/gus"], old: Self.agencyOld)[key]?.missing == [.projectOwner(["shop"])])
    }

    /// One approver is `--actor`: for every edit of the generated tree and every person of
    /// OLD, the changes not approved by that person alone are the changes flagged for them.
    @Test("one approver is --actor", arguments: DiffPropertyTests.edits)
    func oneApproverIsTheActor(edit: DiffPropertyTests.Edit) {
        let old = ApprovalsTests.result(DiffPropertyTests.base)
        let new = ApprovalsTests.result(edit.apply(DiffPropertyTests.base))
        let diff = TreeDiffer(old: old.engine, new: new.engine, day: DiffPropertyTests.day).diff()
        for person in old.tree.subjects.filter(\.isPersonLike) {
            let flagged = diff.checked(actor: person, against: old.engine).changes.map { $0.actorFlag == nil }
            let approved = diff.checked(approvedBy: [person], against: old.engine).changes.map { $0.approval!.approved }
            #expect(flagged == approved, "\(edit.name): \(person)")
        }
    }

    /// Changes on several projects: each project needs one of the approvers who owns it.
    @Test func eachProjectNeedsOneOfItsOwners() throws {
        let projects = F.merged(F.people, [
            "projects/shop/project.yaml": F.project("  people:\n    carl: owner\n"),
            "projects/blog/project.yaml": F.project("  people:\n    dan: owner\n", name: "Blog"),
        ])
        var new = projects
        new["projects/shop/project.yaml"] = F.project("  people:\n    carl: owner\n    erin: reader\n")
        new["projects/blog/project.yaml"] = F.project("  people:\n    dan: owner\n    erin: reader\n", name: "Blog")
        let diff = diffTrees(projects, new)
        let erin = try #require(diff.of("erin").first)
        #expect(erin.approvers == [.projectOwner(["blog", "shop"])])
        let engine = validate(projects).engine
        #expect(diff.checked(approvedBy: [.person("carl")], against: engine).changes.first { $0.subject == .person("erin") }?.approval?.missing == [.projectOwner(["blog"])])
        #expect(diff.checked(approvedBy: [.person("carl"), .person("dan")], against: engine).unapproved.isEmpty)
    }

    // MARK: The command

    func run(_ trees: Trees, _ extra: [String]) throws -> ProcessResult {
        try runOrgtree(["diff", trees.old, trees.new, "--at", "2026-06-01"] + extra)
    }

    @Test func exitsOneListingWhatIsNotApprovedAndZeroWhenAllIs() throws {
        let trees = Trees(Self.agencyOld, Self.agencyNew)
        let owner = try run(trees, ["--approved-by", "ann"])
        #expect(owner.status == 1, "\(owner.stdout)\(owner.stderr)")
        let lines = owner.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1] == "Changes not approved by ann (2)")
        #expect(lines[2] == "  ann is an org owner")
        #expect(owner.stdout.contains("! not approved: needs the owner of agency pixel"))
        #expect(owner.stderr == "orgtree: error: 2 changes not approved by ann\n")
        #expect(lines.last?.contains("2 not approved") == true)
        // Comma-separated, repeated, by e-mail in any case: the same people.
        for approvers in [["ann,pixel/gus"], ["ann", "GUS@pixel.example"], ["ann@acme.example, gus@pixel.example"]] {
            let both = try run(trees, approvers.flatMap { ["--approved-by", $0] })
            #expect(both.status == 0, "\(approvers): \(both.stdout)\(both.stderr)")
            #expect(both.stdout.contains("Every change is approved by ann, pixel/gus"), "\(both.stdout)")
            #expect(both.stderr.isEmpty)
        }
        // Without changes there is nothing to approve.
        #expect(try run(Trees(Self.agencyOld, Self.agencyOld), ["--approved-by", "bob"]).status == 0)
    }

    @Test func jsonCarriesEachChangesVerdict() throws {
        let trees = Trees(Self.agencyOld, Self.agencyNew)
        let r = try run(trees, ["--approved-by", "pixel/gus,stranger@else.example", "--format", "json"])
        #expect(r.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(report["approved_by"] as? [String] == ["pixel/gus", "stranger@else.example"])
        let summary = try #require(report["summary"] as? [String: Any])
        let changes = try #require(report["changes"] as? [[String: Any]])
        let verdicts = changes.compactMap { $0["approval"] as? [String: Any] }
        #expect(verdicts.count == changes.count)
        #expect(summary["unapproved"] as? Int == verdicts.count { $0["approved"] as? Bool == false })
        // Not approved first; each names what is missing, as the approvers of the change are named.
        let first = try #require(verdicts.first)
        #expect(first["approved"] as? Bool == false)
        #expect((first["missing"] as? [[String: Any]])?.first?["kind"] as? String == "project-owner")
        let hana = try #require(changes.first { $0["subject"] as? String == "pixel/hana" }?["approval"] as? [String: Any])
        #expect(hana["by"] as? [String] == ["pixel/gus"])
        // Without --approved-by the keys are not there.
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(try run(trees, ["--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(plain["approved_by"] == nil && (plain["changes"] as? [[String: Any]])?.allSatisfy { $0["approval"] == nil } == true)
    }

    @Test func unknownApprovers() throws {
        let trees = Trees(Self.agencyOld, Self.agencyNew)
        // An e-mail nobody in OLD has approves nothing (a reviewer from outside).
        let outsider = try run(trees, ["--approved-by", "someone@else.example"])
        #expect(outsider.status == 1)
        #expect(outsider.stdout.contains("someone@else.example is not a person of OLD"))
        // An empty list: nobody approved.
        let nobody = try run(trees, ["--approved-by", ""])
        #expect(nobody.status == 1)
        #expect(nobody.stdout.contains("Changes not approved (2)"), "\(nobody.stdout)")
        // A misspelt id is a usage error, as with --actor.
        let typo = try run(trees, ["--approved-by", "ann,gsu"])
        #expect(typo.status == 2 && typo.stderr.contains("gsu is a person of neither tree"), "\(typo.stderr)")
        #expect(try run(trees, ["--approved-by", "token:shop/ci"]).status == 2)
    }
}
