import Foundation
import OrgTreeKit
import Testing
import OrgTreeCore

@Suite("Command line")
struct CLITests {
    @Test func validatesTheSampleOrg() throws {
        let r = try runOrgtree(["validate", Repo.path("sample-org")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("is valid"))
    }

    @Test func errorsExitOneWithCompilerStyleLinesAndACaret() throws {
        let dir = TemporaryFolder()
        dir.writeTree(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob(at)acme.example\ntfa: {method: app}\n"])
        let r = try runExecutable(["validate", dir.path], environment: ["NO_COLOR": "1"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "people/bob.yaml:3:8: error: 'bob(at)acme.example' is not a valid e-mail address [invalid-email]")
        #expect(lines[1] == " 3 | email: bob(at)acme.example")
        #expect(lines[2] == "   |        ^")
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func warningsAloneExitZero() throws {
        let dir = TemporaryFolder()
        dir.writeTree(["projects/shop/tokens.yaml": "tokens:\n  old:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: 2020-01-01\n"])
        let r = try runOrgtree(["validate", dir.path, "--at", "2026-01-01"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("warning: token old expired on 2020-01-01"))
    }

    @Test func usageAndIOTroubleExitTwo() throws {
        #expect(try runOrgtree(["validate", "/nonexistent/tree"]).status == 2)
        #expect(try runOrgtree(["validate", "--format", "yaml", Repo.path("sample-org")]).status == 2)
        #expect(try runOrgtree(["validate", "--at", "2026-13-01", Repo.path("sample-org")]).status == 2)
        #expect(try runOrgtree(["frobnicate"]).status == 2)
        let help = try runOrgtree(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(try runOrgtree(["--version"]).stdout.contains("0."))
    }

    /// Output the built executable cannot write: a full disk is exit 2 and one line; a
    /// reader that went away (`| head`, SIGPIPE ignored) ends it quietly.
    @Test func outputThatCannotBeWrittenEndsCleanly() throws {
        let arguments = "effective \"$1\" --at 2026-11-23 --format json"
        let full = try runProcess("/bin/bash", ["-c", "\"$0\" \(arguments) > /dev/full", Repo.executable, Repo.path("sample-org")])
        #expect(full.status == 2)
        #expect(full.stderr == "orgtree: error: cannot write output: No space left on device\n")
        // The reader closes before orgtree writes (or soon after): no backtrace, no message.
        let closed = try runProcess("/bin/bash", ["-c", "trap '' PIPE; \"$0\" \(arguments) | true; echo \"${PIPESTATUS[0]}\"",
                                                  Repo.executable, Repo.path("sample-org")])
        #expect(closed.stdout == "0\n", "\(closed.stderr)")
        #expect(closed.stderr == "")
        let head = try runProcess("/bin/bash", ["-c", "trap '' PIPE; \"$0\" \(arguments) | head -c 10 > /dev/null; echo \"${PIPESTATUS[0]}\"",
                                                Repo.executable, Repo.path("sample-org")])
        #expect(head.stdout == "0\n", "\(head.stderr)")
        #expect(head.stderr == "")
    }

    /// `--version` of the built executable: the version and the commit it was built from,
    /// a commit of this repository when the source is a Git checkout.
    @Test func versionNamesTheCommitOfTheBuild() throws {
        let r = try runExecutable(["--version"])
        #expect(r.status == 0)
        let match = try #require(try /^(\d+\.\d+\.\d+) \(commit ([0-9a-f]{12,40}|unknown)\)\n$/.wholeMatch(in: r.stdout),
                                 "\(r.stdout)")
        #expect(match.output.1 == OrgTreeVersion.current)
        #expect(OrgTreeVersion.described(commit: nil) == "\(OrgTreeVersion.current) (commit unknown)")
        let top = try runProcess("/usr/bin/env", ["git", "rev-parse", "--show-toplevel"], in: Repo.root.path)
        guard top.status == 0, top.stdout.trimmingCharacters(in: .newlines) == Repo.root.resolvingSymlinksInPath().path else { return }
        #expect(match.output.2 != "unknown")
        let known = try runProcess("/usr/bin/env", ["git", "cat-file", "-e", "\(match.output.2)^{commit}"], in: Repo.root.path)
        #expect(known.status == 0, "\(match.output.2) is not a commit of \(Repo.root.path)")
    }

    @Test func jsonDiagnosticsHaveTheSpecFields() throws {
        let dir = TemporaryFolder()
        dir.writeTree(["teams/a.yaml": "name: A\nincludes: [a]\n"])
        let r = try runOrgtree(["validate", dir.path, "--format", "json"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == 2)
        #expect(object["valid"] as? Bool == false)
        let counts = try #require(object["counts"] as? [String: Any])
        #expect(counts["agency_people"] as? Int == 0 && counts["people"] as? Int == 2)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d["severity"] as? String == "error")
        #expect(d["rule"] as? String == "team-cycle")
        #expect(d["file"] as? String == "teams/a.yaml")
        #expect(d["line"] as? Int == 2)
        #expect(d["column"] as? Int == 12)
        #expect((d["message"] as? String)?.contains("a → a") == true)
    }

    @Test func githubAnnotationsUsePathsFromTheWorkspace() throws {
        let dir = TemporaryFolder()
        dir.writeTree(["teams/a.yaml": "name: A\nmembers: [zed]\n"])
        let inside = try runExecutable(["validate", ".", "--format", "github"], in: dir.path)
        #expect(inside.status == 1)
        #expect(inside.stdout.hasPrefix("::error file=teams/a.yaml,line=2,col=11,title=orgtree unknown-reference::team a names 'zed'"))
    }

    @Test func sarifIsVersion210WithRulesAndResults() throws {
        let dir = TemporaryFolder()
        dir.writeTree(["teams/a.yaml": "name: A\nmembers: [zed]\n"])
        let r = try runExecutable(["validate", ".", "--format", "sarif"], in: dir.path)
        #expect(r.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == RuleName.allCases.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let result = results[0]
        #expect(result["ruleId"] as? String == "unknown-reference")
        let index = try #require(result["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "unknown-reference")
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "teams/a.yaml")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 2)
    }

    @Test func rulesCommandListsAndDescribes() throws {
        let list = try runOrgtree(["rules"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == RuleName.allCases.count)
        let one = try runOrgtree(["rules", "team-cycle"])
        #expect(one.stdout.contains("Triggers:"))
        #expect(try runOrgtree(["rules", "no-such-rule"]).status == 2)
    }

    @Test func generateIsDeterministicAndValid() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        for dir in [a, b] {
            let r = try runOrgtree(["generate", "--people", "120", "--projects", "12", "--seed", "9", "--today", "2026-11-23", "--out", dir.path + "/t"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: a.path + "/t").sorted()
        let right = try FileManager.default.subpathsOfDirectory(atPath: b.path + "/t").sorted()
        #expect(left == right)
        for path in left where path.hasSuffix(".yaml") {
            #expect(FileManager.default.contents(atPath: a.path + "/t/" + path) == FileManager.default.contents(atPath: b.path + "/t/" + path))
        }
        #expect(try runOrgtree(["validate", a.path + "/t", "--at", "2026-11-23"]).status == 0)
    }
}
