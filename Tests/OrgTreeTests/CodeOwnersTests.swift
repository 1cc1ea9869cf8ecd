import Foundation
import OrgTreeCore
import OrgTreeKit
import Testing

/// `codeowners`: the CODEOWNERS file of sample-org (golden), its owners checked against
/// `explain`'s answers, and `--check` on a current, a stale and a missing file.
@Suite("CODEOWNERS", .serialized)
struct CodeOwnersTests {
    @Test func sampleOrgGoldenAndCheck() throws {
        let trees = try GoldenOutputTests.Trees()
        let r = trees.root, s = r + "/sample-org"
        try GoldenOutputTests.run("codeowners-sample", ["codeowners", s], in: r)
        try GoldenOutputTests.run("codeowners-prefix", ["codeowners", s, "--prefix", "./org/"], in: r)

        let file = r + "/CODEOWNERS"
        try orgtreeInProcess(["codeowners", s]).stdout.write(toFile: file, atomically: true, encoding: .utf8)
        try GoldenOutputTests.run("codeowners-check-current", ["codeowners", s, "--check", file], in: r)
        // kai becomes an owner of helpdesk: the file no longer says who must review it.
        try GoldenOutputTests.Trees.edit(s + "/projects/helpdesk/project.yaml") {
            $0.replacingOccurrences(of: "    hugo: owner", with: "    hugo: owner\n    kai: owner")
        }
        try GoldenOutputTests.run("codeowners-check-stale", ["codeowners", s, "--check", file], in: r)
        try GoldenOutputTests.run("codeowners-check-missing", ["codeowners", s, "--check", r + "/no-such-file"], in: r)
        try GoldenOutputTests.run("codeowners-broken", ["codeowners", r + "/broken-org"], in: r)
        try GoldenOutputTests.run("codeowners-bad-prefix", ["codeowners", s, "--prefix", "my org"], in: r)
    }

    /// Spacing and comments do not make a file stale; another order of the rules does.
    @Test func checkComparesRulesOnly() throws {
        let checked = try CheckedTree.read(folder: Repo.path("sample-org"), at: exampleDay)
        let owners = try CodeOwners(checked.result, prefix: nil, at: exampleDay)
        let text = CodeOwnersRendering.render(owners, command: "orgtree codeowners")
        #expect(owners.differences(from: text).isEmpty)
        let respaced = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").joined(separator: "\t ") }
        #expect(owners.differences(from: "# mine\n\n" + respaced.joined(separator: "\r\n")).isEmpty)
        let lines = owners.rules.map(\.line)
        let swapped = [lines[1], lines[0]] + lines.dropFirst(2)
        let differences = owners.differences(from: swapped.joined(separator: "\n"))
        #expect(differences.map(\.added) == [false, true] && differences[0].line == differences[1].line
                && lines.prefix(2).contains(differences[0].line))
    }

    /// Every project's owners are exactly the persons `explain` grants project.delete there
    /// (an owner-only permission), agency people never; general rules precede specific ones.
    @Test func ownersAreWhatTheEngineSays() throws {
        let checked = try CheckedTree.read(folder: Repo.path("sample-org"), at: exampleDay)
        let tree = checked.result.tree, engine = checked.result.engine
        let owners = try CodeOwners(checked.result, prefix: "org", at: exampleDay)
        for project in tree.projectIDs {
            let rule = try #require(owners.rules.first { $0.pattern == "/org/projects/\(project)/" })
            let expected = tree.subjects.filter {
                engine.evaluate($0, .project(.projectDelete), on: project, at: exampleDay).granted
            }.map { tree.person($0)!.email!.value }
            #expect(Set(rule.owners) == Set(expected) && rule.owners.count == expected.count, "\(project)")
            #expect(!expected.isEmpty)
        }
        let agencyEmails = Set(tree.agencyPeople.values.flatMap(\.values).compactMap(\.email?.value))
        let pixel = try #require(owners.rules.first { $0.pattern == "/org/partners/pixel/partner.yaml" })
        #expect(agencyEmails.intersection(pixel.owners) == [tree.agencyPeople["pixel"]!["gus"]!.email!.value])
        #expect(owners.rules.filter { !$0.pattern.hasSuffix("partner.yaml") }.allSatisfy { agencyEmails.isDisjoint(with: $0.owners) })
        for (i, rule) in owners.rules.enumerated() {
            for later in owners.rules[(i + 1)...] {
                #expect(!rule.pattern.hasPrefix(later.pattern), "\(later.pattern) is more general than \(rule.pattern) and must come first")
            }
        }
    }
}
