import Foundation
import Testing
import OrgTreeCore
import OrgTreeKit

/// `orgtree diff` on folders: exit codes, the three formats, NEW's diagnostics, --actor.
@Suite("diff command")
struct DiffCommandTests {
    typealias F = DiffFixture

    /// Two tree folders: OLD is the base with `old` laid over it, NEW the base with `new`.
    final class Trees {
        let dir = TemporaryFolder()
        var old: String { dir.path + "/old" }
        var new: String { dir.path + "/new" }

        init(_ old: [String: String], _ new: [String: String], removingNew: [String] = []) {
            for (path, text) in RuleExample(old).tree { dir.write("old/" + path, text) }
            for (path, text) in RuleExample(new, removing: removingNew).tree { dir.write("new/" + path, text) }
        }
    }

    static let promoted = F.merged(F.people, ["organization.yaml": F.org(owners: "[ann, carl]"), "teams/t.yaml": "name: T\nmembers: [bob, dan]\n",
                                              "projects/shop/project.yaml": F.project("  default: none\n  teams:\n    t: editor\n")])
    static let before = F.merged(F.people, ["organization.yaml": F.org(), "teams/t.yaml": "name: T\nmembers: [bob]\n",
                                            "projects/shop/project.yaml": F.project("  default: none\n  teams:\n    t: editor\n")])

    func run(_ trees: Trees, _ extra: [String] = []) throws -> ProcessResult {
        try runOrgtree(["diff", trees.old, trees.new, "--at", "2026-06-01"] + extra)
    }

    @Test func identicalAndReformattedTreesExitZero() throws {
        let same = try run(Trees(Self.before, Self.before))
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.contains("no changes"))
        var reformatted = Self.before
        reformatted["teams/t.yaml"] = "# the same team\nmembers:\n  - bob      # only bob\nname: T\n\n\n"
        reformatted["projects/shop/project.yaml"] = "access:\n  teams: {t: editor}\n  default: none\nenvironments:\n  - production\nname: Shop\n"
        let r = try run(Trees(Self.before, reformatted))
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func changesExitOneWithASummaryLine() throws {
        let r = try run(Trees(Self.before, Self.promoted))
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "2 subjects gain access, 0 lose access, 1 high-risk change (4 changes: 1 high, 1 medium, 2 low)")
        // The high-risk subject comes first; provenance names the file and line in NEW.
        let carl = try #require(lines.firstIndex(of: "carl")), dan = try #require(lines.firstIndex(of: "dan"))
        #expect(carl < dan)
        #expect(r.stdout.contains("+ org role member → owner"))
        #expect(r.stdout.contains("via teams/t.yaml:2 members dan → projects/shop/project.yaml:6 access.teams.t: editor"))
        #expect(r.stdout.contains("~ team t: members +dan"))
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func removalsAndHighRiskComeFirst() throws {
        let r = try run(Trees(Self.promoted, Self.before))
        #expect(r.status == 1)
        let subjects = r.stdout.split(separator: "\n").filter { ["carl", "dan"].contains($0) }
        #expect(subjects == ["carl", "dan"])
        #expect(r.stdout.contains("- loses editor on shop"))
        #expect(r.stdout.contains("was via teams/t.yaml:2 members dan"))
    }

    @Test func markdownIsAPullRequestComment() throws {
        let r = try run(Trees(Self.before, Self.promoted), ["--format", "markdown"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("<!-- orgtree-diff -->\n"))
        #expect(r.stdout.contains("| 🔴 high | 1 |"))
        #expect(r.stdout.contains("### 🔴 High-risk changes (1)"))
        #expect(r.stdout.contains("| `carl` | org role member → owner"))
        #expect(r.stdout.contains("<details>\n<summary>Access changes by subject (2)</summary>"))
        #expect(r.stdout.components(separatedBy: "<details>").count == r.stdout.components(separatedBy: "</details>").count)
        let none = try run(Trees(Self.before, Self.before), ["--format", "markdown"])
        #expect(none.stdout.hasPrefix("<!-- orgtree-diff -->\n"))
        #expect(none.stdout.contains("No changes"))
    }

    @Test("markdown shows text from the tree without mentions, issue links or HTML")
    func markdownTextIsInert() throws {
        var renamed = Self.before
        renamed["teams/t.yaml"] = "name: \"Ping @acme/security about #123 <img src=x> `x`\"\nmembers: [bob]\n"
        let r = try run(Trees(Self.before, renamed), ["--format", "markdown"])
        #expect(r.stdout.contains("Ping @\u{200B}acme/security about \\#\u{200B}123 &lt;img src=x&gt; \\`x\\`"), "\(r.stdout)")
        #expect(r.stdout.firstMatch(of: /@[A-Za-z]/) == nil, "\(r.stdout)")
        #expect(r.stdout.firstMatch(of: /#\d/) == nil, "\(r.stdout)")
        #expect(!r.stdout.contains("<img"))
    }

    @Test func markdownCodeBlocksCannotBeClosedByTheirLines() {
        #expect(MarkdownText.codeBlock(["a", "b"]) == "```\na\nb\n```\n")
        #expect(MarkdownText.codeBlock(["~ people pia (job_title: ``` → ````x)"]) == "`````\n~ people pia (job_title: ``` → ````x)\n`````\n")
        // An e-mail address is not a mention and stays as written; `@team` and `#1` are broken.
        #expect(MarkdownText.escape("ann@acme.example\n#1 (@acme/security)") == "ann@acme.example \\#\u{200B}1 (@\u{200B}acme/security)")
        #expect(MarkdownText.code("a`b") == "`a'b`")
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let r = try run(Trees(Self.before, Self.promoted), ["--format", "json"])
        #expect(r.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(report["format_version"] as? Int == 1)
        #expect(report["changed"] as? Bool == true)
        #expect(report["at"] as? String == "2026-06-01")
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["changes"] as? Int == 4 && summary["high"] as? Int == 1 && summary["subjects_gaining"] as? Int == 2)
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(changes.count == 4)
        for change in changes {
            for key in ["kind", "category", "summary", "risk", "risk_reasons", "approvers", "gains", "loses", "via", "was_via", "subject", "actor_flag"] {
                #expect(change.keys.contains(key), "\(key) missing in \(change)")
            }
        }
        let first = changes[0]
        #expect(first["kind"] as? String == "org-role" && first["subject"] as? String == "carl" && first["risk"] as? String == "high")
        #expect(first["from"] as? String == "member" && first["to"] as? String == "owner")
        #expect((first["approvers"] as? [[String: Any]])?.first?["kind"] as? String == "org-owner")
        let dan = try #require(changes.first { $0["subject"] as? String == "dan" })
        let projects = try #require(dan["projects"] as? [[String: Any]])
        let step = try #require(((projects.first?["via"] as? [[[String: Any]]])?.first)?.last)
        #expect(step["file"] as? String == "projects/shop/project.yaml" && step["line"] as? Int == 6)
        let entity = try #require(changes.first { $0["category"] as? String == "entity" }?["entity"] as? [String: Any])
        #expect(entity["type"] as? String == "team" && entity["added"] as? [String] == ["dan"])
    }

    @Test func anInvalidNewIsReportedWithItsPathsAndExitsTwo() throws {
        var broken = Self.before
        broken["teams/t.yaml"] = "name: T\nmembers: [zed]\n"
        let trees = Trees(Self.before, broken)
        let r = try run(trees)
        #expect(r.status == 2)
        #expect(r.stdout.contains("\(trees.new)/teams/t.yaml:2:11: error: team t names 'zed'"))
        #expect(r.stdout.contains(" 2 | members: [zed]"))
        #expect(r.stderr.contains("does not validate"))
        let markdown = try run(trees, ["--format", "markdown"])
        #expect(markdown.status == 2)
        #expect(markdown.stdout.hasPrefix("<!-- orgtree-diff -->\n"))
        #expect(markdown.stdout.contains("does not validate"))
        #expect(markdown.stdout.hasSuffix("\n```\n"))
        // A line of NEW quoted in the diagnostics cannot end the code block early.
        broken["teams/t.yaml"] = "name: T\nmembers: [zed]  # ```\n"
        let fenced = try run(Trees(Self.before, broken), ["--format", "markdown"])
        #expect(fenced.stdout.contains("\n````\n") && fenced.stdout.hasSuffix("\n````\n"), "\(fenced.stdout)")
        let json = try run(trees, ["--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        #expect((report["diagnostics"] as? [[String: Any]])?.first?["file"] as? String == "\(trees.new)/teams/t.yaml")
    }

    @Test func aNewFailingOnlyAssertionsIsStillComparedAndExitsTwo() throws {
        // The test says dan keeps editing the shop; NEW takes dan out of team t.
        let test = "- can: dan\n  do: content.write\n  on: shop\n"
        var old = Self.promoted
        old["assertions/shop.yaml"] = test
        var new = old
        new["teams/t.yaml"] = "name: T\nmembers: [bob]\n"
        let trees = Trees(old, new)
        let r = try run(trees)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("fails 1 assertion; its access changes are shown for review"))
        let failing = try #require(r.stdout.range(of: "Failing assertions in NEW (1)"))
        let access = try #require(r.stdout.range(of: "Access by subject"))
        #expect(failing.lowerBound < access.lowerBound)
        #expect(r.stdout.contains("assertions/shop.yaml:1:3: assertion failed: dan can content.write on shop"))
        #expect(r.stdout.contains("dan\n  - loses editor on shop"))
        let markdown = try run(trees, ["--format", "markdown"])
        #expect(markdown.status == 2)
        #expect(markdown.stdout.contains("### ❌ Failing assertions in NEW (1)"))
        #expect(markdown.stdout.contains("Access changes by subject (1)"))
        let json = try run(trees, ["--format", "json"])
        #expect(json.status == 2)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let assertions = try #require(report["failing_assertions"] as? [[String: Any]])
        #expect(assertions.map { $0["rule"] as? String } == ["assertion-failed"])
        #expect(assertions.first?["file"] as? String == "assertions/shop.yaml")
        #expect((report["changes"] as? [Any])?.isEmpty == false)
        // Any other error still stops the diff.
        new["teams/t.yaml"] = "name: T\nmembers: [zed]\n"
        let invalid = try run(Trees(old, new))
        #expect(invalid.status == 2 && invalid.stderr.contains("does not validate"))
    }

    @Test func troubleExitsTwo() throws {
        let trees = Trees(Self.before, Self.before)
        #expect(try runOrgtree(["diff", trees.old, trees.dir.path + "/missing"]).status == 2)
        #expect(try runOrgtree(["diff", trees.old]).status == 2)
        #expect(try runOrgtree(["diff", trees.old, trees.new, "--format", "yaml"]).status == 2)
        #expect(try runOrgtree(["diff", trees.old, trees.new, "--actor", "token:shop/ci"]).status == 2)
        let unknown = try runOrgtree(["diff", trees.old, trees.new, "--actor", "nobody"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("nobody is a person of neither tree"))
    }

    @Test func actorListsWhatTheyMayNotDoAloneFirst() throws {
        var old = Self.before
        old["organization.yaml"] = F.org(admins: "[erin]")
        var new = Self.promoted
        new["organization.yaml"] = F.org(owners: "[ann, carl]", admins: "[erin]")
        let trees = Trees(old, new)
        let r = try run(trees, ["--actor", "erin"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1] == "Changes erin may not make alone (2)")
        #expect(lines[2].contains("carl: org role member → owner"))
        #expect(r.stdout.contains("! needs an org owner (erin is an org admin)"))
        #expect(lines.last?.contains("2 need more than erin") == true)
        let json = try run(trees, ["--actor", "erin", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(changes.prefix(2).allSatisfy { $0["actor_flag"] is String })
        #expect(changes.dropFirst(2).allSatisfy { $0["actor_flag"] is NSNull })
        let owner = try run(trees, ["--actor", "ann"])
        #expect(owner.status == 1)
        #expect(owner.stdout.contains("ann may make every change alone"))
    }
}
