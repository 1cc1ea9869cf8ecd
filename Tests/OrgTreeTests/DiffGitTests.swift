import Foundation
import Testing
import OrgTreeCore
import OrgTreeKit
import OrgTreeYAML

/// `REV:PATH` inputs: a real Git repository built in a temporary folder.
@Suite("diff on Git revisions")
struct DiffGitTests {
    typealias F = DiffFixture

    /// A repository whose tree lives in `org/`: commit 1 is the base tree, commit 2 adds
    /// dan to team t (editor on shop).
    final class Repository {
        let dir = TemporaryFolder()
        var path: String { dir.path }

        init(folder: String = "org") {
            let prefix = folder.isEmpty ? "" : folder + "/"
            git("init", "-q", "-b", "main")
            for (file, text) in RuleExample(DiffCommandTests.before).tree { dir.write(prefix + file, text) }
            commit("base tree")
            dir.write(prefix + "teams/t.yaml", "name: T\nmembers: [bob, dan]\n")
            commit("dan joins t")
        }

        @discardableResult
        func git(_ arguments: String...) -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: path)
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try! process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            precondition(process.terminationStatus == 0, "git \(arguments) failed")
            return String(decoding: data, as: UTF8.self)
        }

        func commit(_ message: String) {
            git("add", "-A")
            git("commit", "-q", "-m", message)
        }

        func diff(_ arguments: String...) throws -> ProcessResult {
            try runExecutable(["diff"] + arguments + ["--at", "2026-06-01"], environment: ["NO_COLOR": "1"], in: path)
        }
    }

    @Test func comparesTwoCommits() throws {
        let repo = Repository()
        let r = try repo.diff("HEAD~1:org", "HEAD:org")
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("orgtree diff HEAD~1:org → HEAD:org"))
        #expect(r.stdout.contains("+ gains editor on shop"))
        #expect(r.stdout.contains("via teams/t.yaml:2 members dan"))
        #expect(try repo.diff("HEAD:org", "main:org").status == 0)
        // A commit id, and a folder against a revision.
        let head = repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try repo.diff("\(head):org", "org").status == 0)
        #expect(try repo.diff("HEAD~1:org", "org").status == 1)
    }

    @Test func readsObjectsNotTheWorkTreeOrIndex() throws {
        let repo = Repository()
        repo.dir.write("org/teams/t.yaml", "name: T\nmembers: [bob, dan, erin]\n")
        repo.git("add", "org/teams/t.yaml")
        repo.dir.write("org/teams/t.yaml", "name: T\nmembers: [carl]\n")
        let status = repo.git("status", "--porcelain")
        #expect(try repo.diff("HEAD:org", "HEAD:org").status == 0)
        let r = try repo.diff("HEAD:org", "org")
        #expect(r.status == 1)
        #expect(r.stdout.contains("team t: members +carl, −bob, −dan"))
        #expect(repo.git("status", "--porcelain") == status)
    }

    @Test func theRepositoryRootIsRevColon() throws {
        let repo = Repository(folder: "")
        let r = try repo.diff("HEAD~1:", "HEAD:")
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(try repo.diff("HEAD:", "HEAD:.").status == 0)
    }

    @Test func missingRevisionsAndPathsExitTwo() throws {
        let repo = Repository()
        let rev = try repo.diff("nosuch:org", "HEAD:org")
        #expect(rev.status == 2)
        #expect(rev.stderr.contains("no revision 'nosuch'"))
        let path = try repo.diff("HEAD:nope", "HEAD:org")
        #expect(path.status == 2)
        #expect(path.stderr.contains("'nope' does not exist in HEAD"))
        let file = try repo.diff("HEAD:org/organization.yaml", "HEAD:org")
        #expect(file.status == 2)
        #expect(file.stderr.contains("not a folder"))
        #expect(try repo.diff("--format=json", ":org", "HEAD:org").status == 2)
        let outside = TemporaryFolder()
        let noRepo = try runExecutable(["diff", "HEAD:org", "HEAD:org"], in: outside.path)
        #expect(noRepo.status == 2)
        #expect(noRepo.stderr.contains("not in a Git repository"))
    }

    @Test func linksInACommitStayInsideTheTree() throws {
        let repo = Repository()
        repo.dir.write("shared/gil.yaml", F.person("Gil", "gil@acme.example"))
        repo.dir.write("org/.shared/fay.yaml", F.person("Fay", "fay@acme.example"))
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/org/people/fay.yaml", withDestinationPath: "../.shared/fay.yaml")
        repo.commit("fay through a link")
        let inside = try repo.diff("HEAD~1:org", "HEAD:org")
        #expect(inside.status == 1, "\(inside.stdout)\(inside.stderr)")
        #expect(inside.stdout.contains("person fay added"))

        try FileManager.default.createSymbolicLink(atPath: repo.path + "/org/people/gil.yaml", withDestinationPath: "../../shared/gil.yaml")
        repo.commit("gil through a link out of the tree")
        let outside = try repo.diff("HEAD~1:org", "HEAD:org")
        #expect(outside.status == 2)
        #expect(outside.stdout.contains("HEAD:org/people/gil.yaml:1:1: error: the link people/gil.yaml leads out of the tree (to ../../shared/gil.yaml)"))
    }

    @Test func aLinkAliasingAProjectInACommitIsReportedAndTheProjectKept() throws {
        let repo = Repository()
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/org/projects/alpha", withDestinationPath: "shop")
        repo.commit("alpha, a link to shop")
        let result = try repo.diff("HEAD~1:org", "HEAD:org")
        #expect(result.stdout.contains("HEAD:org/projects/alpha:1:1: error: projects/alpha is a link to the folder projects/shop, which is read under its own name; remove the link"), "\(result.stdout)")
        #expect(!result.stdout.contains("shop removed"), "\(result.stdout)")
    }

    /// Trees Git itself would not write (made with `hash-object --literally`): an entry
    /// whose name holds '/' is refused rather than shadowing the file in its folder, and
    /// a link whose target blob is over the size limit is not read (so it leads nowhere).
    @Test func malformedTreesAreRefused() throws {
        let repo = Repository()
        let script = #"""
            set -e
            org=$(git rev-parse HEAD:org)
            fake=$(printf 'name: Fake\nmembers: [bob, dan]\n' | git hash-object -w --stdin)
            raw() { printf "$(echo "$1" | sed 's/../\\x&/g')"; }
            shadow=$({ git cat-file tree "$org"; printf '100644 teams/t.yaml\0'; raw "$fake"; } | git hash-object -t tree --literally -w --stdin)
            # ./././…/teams/t.yaml: a target that resolves, were it read.
            big=$({ yes ./ | head -n 2500000 | tr -d '\n'; printf teams/t.yaml; } | git hash-object -w --stdin)
            linked=$({ git cat-file tree "$org"; printf '120000 big.yaml\0'; raw "$big"; } | git hash-object -t tree --literally -w --stdin)
            for tree in "$shadow" "$linked"; do
              git commit-tree "$(printf '040000 tree %s\torg\n' "$tree" | git mktree)" -m malformed
            done
            """#
        let made = try runProcess("/bin/bash", ["-c", script], in: repo.path)
        #expect(made.status == 0, "\(made.stderr)")
        let commits = made.stdout.split(separator: "\n").map(String.init)
        try #require(commits.count == 2)
        let shadowed = try repo.diff("HEAD:org", "\(commits[0]):org")
        #expect(shadowed.status == 2)
        #expect(shadowed.stderr.contains("\(commits[0]):org is not a well-formed Git tree: tree "), "\(shadowed.stderr)")
        #expect(shadowed.stderr.contains(" has an entry named 'teams/t.yaml'"), "\(shadowed.stderr)")
        let linked = try repo.diff("HEAD:org", "\(commits[1]):org")
        #expect(linked.stdout.contains("error: the link big.yaml leads nowhere"), "\(linked.stdout)\(linked.stderr)")
    }

    /// A Git revision reads exactly like the same files in a folder.
    @Test func aRevisionReadsLikeAFolder() throws {
        let repo = Repository()
        repo.dir.write("org/teams/big.yaml", "name: Big\nmembers: [" + String(repeating: "bob, ", count: 40) + "bob]\n")
        repo.dir.write("org/teams/latin1.yaml", Array("name: Caf".utf8) + [0xE9] + Array("\n".utf8))
        repo.dir.write("org/.hidden/x.yaml", "junk: [\n")
        repo.dir.write("org/README.md", "not yaml\n")
        repo.commit("odd files")
        let reader = TreeReader(limits: YAMLLimits(maxBytes: 200))
        let folder = try reader.read(repo.path + "/org")
        let revision = try GitTreeReader(reader: reader, directory: repo.path).read(revision: "HEAD", path: "org", name: "HEAD:org")
        #expect(revision.tree.files == folder.tree.files)
        #expect(revision.diagnostics == folder.diagnostics)
        #expect(revision.diagnostics.map(\.location.file).sorted() == ["teams/big.yaml", "teams/latin1.yaml"])
        #expect(revision.tree.people.keys.sorted() == folder.tree.people.keys.sorted())
        #expect(revision.sources.line(2, of: "teams/t.yaml") == "members: [bob, dan]")
    }
}
