import Foundation
import Testing

/// The GitHub Action's shell steps (`scripts/github-action.sh review`, which action.yml
/// runs) against a Git repository holding sample-org in two commits, with a fake `gh` that
/// keeps the pull request's comments and serves its reviews, and GitHub's variables set as
/// a runner sets them. The built orgtree is on PATH.
@Suite("GitHub Action", .serialized)
struct GitHubActionTests {
    /// The fake `gh api`: records each call in calls.log, keeps comments in
    /// comments.json, serves reviews.json and users/LOGIN.json (no e-mail when missing).
    static let fakeGH = #"""
        #!/usr/bin/env bash
        set -euo pipefail
        state=$FAKE_GH_STATE
        echo "$*" >> "$state/calls.log"
        [ "$1" = api ] || { echo "fake gh: only api" >&2; exit 2; }
        shift
        method=GET path="" body=""
        while [ $# -gt 0 ]; do
          case "$1" in
            -X) method=$2; shift 2 ;;
            -F) body=$(cat "${2#body=@}"); shift 2 ;;
            --paginate) shift ;;
            *) path=$1; shift ;;
          esac
        done
        path=${path%%\?*}
        case "$method $path" in
          "GET repos/$GITHUB_REPOSITORY/issues/"*/comments) cat "$state/comments.json" ;;
          "POST repos/$GITHUB_REPOSITORY/issues/"*/comments)
            id=$(( $(jq length "$state/comments.json") + 1 ))
            jq --argjson id "$id" --arg body "$body" '. + [{id: $id, body: $body}]' "$state/comments.json" > "$state/c.tmp"
            mv "$state/c.tmp" "$state/comments.json"
            jq --argjson id "$id" '.[] | select(.id == $id)' "$state/comments.json" ;;
          "PATCH repos/$GITHUB_REPOSITORY/issues/comments/"*)
            id=${path##*/}
            jq -e --argjson id "$id" 'any(.id == $id)' "$state/comments.json" > /dev/null || { echo "gh: HTTP 404" >&2; exit 1; }
            jq --argjson id "$id" --arg body "$body" 'map(if .id == $id then .body = $body else . end)' "$state/comments.json" > "$state/c.tmp"
            mv "$state/c.tmp" "$state/comments.json"
            echo '{}' ;;
          "GET repos/$GITHUB_REPOSITORY/pulls/"*/reviews) cat "$state/reviews.json" ;;
          "GET users/"*)
            login=${path#users/}
            if [ -f "$state/users/$login.json" ]; then cat "$state/users/$login.json"; else echo "{\"login\": \"$login\", \"email\": null}"; fi ;;
          *) echo "fake gh: unexpected $method $path" >&2; exit 2 ;;
        esac
        """#

    final class Setup {
        let dir = TemporaryFolder()
        var repo: String { dir.path + "/repo" }
        var state: String { dir.path + "/gh" }
        var summary: String { dir.path + "/summary.md" }

        init() throws {
            dir.write("bin/gh", GitHubActionTests.fakeGH)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/bin/gh")
            dir.write("gh/comments.json", "[]")
            dir.write("gh/reviews.json", "[]")
            dir.write("gh/calls.log", "")
            dir.write("event.json", #"{"action": "synchronize", "number": 7, "pull_request": {"number": 7, "base": {"ref": "main"}}}"#)
            dir.write("runner/.keep", "")
            try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
            try git("init", "-q", "-b", "main")
            try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: repo + "/org")
            try commit("sample-org")
            try git("update-ref", "refs/remotes/origin/main", "HEAD")
            try FileManager.default.removeItem(atPath: repo + "/org")
            try FileManager.default.copyItem(atPath: Repo.path("examples/changed-org"), toPath: repo + "/org")
            try commit("one access change")
        }

        static let gitEnvironment = [
            "GIT_AUTHOR_NAME": "orgtree", "GIT_AUTHOR_EMAIL": "orgtree@example.com",
            "GIT_COMMITTER_NAME": "orgtree", "GIT_COMMITTER_EMAIL": "orgtree@example.com",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        ]

        func git(_ arguments: String...) throws {
            let r = try runProcess("/usr/bin/env", ["git"] + arguments, environment: Self.gitEnvironment, in: repo)
            #expect(r.status == 0, "git \(arguments): \(r.stderr)")
        }

        func commit(_ message: String) throws {
            try git("add", "-A")
            try git("commit", "-q", "-m", message)
        }

        /// Runs the action's review step as the runner would.
        func review(_ inputs: [String: String] = [:]) throws -> ProcessResult {
            let bin = URL(fileURLWithPath: Repo.executable).deletingLastPathComponent().path
            var environment = Self.gitEnvironment.merging([
                "PATH": "\(dir.path)/bin:\(bin):" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "FAKE_GH_STATE": state, "GH_TOKEN": "fake",
                "GITHUB_REPOSITORY": "lumen-labs/access", "GITHUB_EVENT_NAME": "pull_request",
                "GITHUB_EVENT_PATH": dir.path + "/event.json", "GITHUB_REF": "refs/pull/7/merge",
                "GITHUB_BASE_REF": "main", "GITHUB_WORKSPACE": repo,
                "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": dir.path + "/output",
                "RUNNER_TEMP": dir.path + "/runner", "ORGTREE_TREE": "org",
            ]) { $1 }
            environment.merge(inputs) { $1 }
            return try runProcess("/usr/bin/env", ["bash", Repo.path("scripts/github-action.sh"), "review"], environment: environment, in: repo)
        }

        func comments() throws -> [[String: Any]] {
            let data = try Data(contentsOf: URL(fileURLWithPath: state + "/comments.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        }

        func calls() throws -> [String] {
            try String(contentsOfFile: state + "/calls.log", encoding: .utf8).split(separator: "\n").map(String.init)
        }

        func resetCalls() { dir.write("gh/calls.log", "") }
    }

    static let jq: Bool = (try? runProcess("/usr/bin/env", ["jq", "--version"]).status) == 0

    @Test func createsTheCommentThenUpdatesItInPlaceAndFailsOnAnInvalidTree() throws {
        try #require(Self.jq, "the action and this test need jq (apt-get install jq)")
        let s = try Setup()
        // Another bot's comment is left alone.
        s.dir.write("gh/comments.json", #"[{"id": 1, "body": "<!-- other-bot -->\nhello"}]"#)

        let clock = ContinuousClock()
        let start = clock.now
        let first = try s.review()
        print("action review step on sample-org: \(clock.now - start)")
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("commented on #7"))
        let calls = try s.calls()
        #expect(calls.count == 2 && calls.first == "api --paginate repos/lumen-labs/access/issues/7/comments?per_page=100")
        #expect(calls.last?.hasPrefix("api -X POST repos/lumen-labs/access/issues/7/comments -F body=@\(s.dir.path)/runner/orgtree-action.") == true)
        var comments = try s.comments()
        #expect(comments.count == 2)
        let body = try #require(comments.last?["body"] as? String)
        #expect(body.hasPrefix("<!-- orgtree-diff -->\n## orgtree diff\n"))
        #expect(body.contains("`origin/main:org` → `HEAD:org`"))
        #expect(body.contains("fatima"))
        let summary = try String(contentsOfFile: s.summary, encoding: .utf8)
        #expect(summary == body + (body.hasSuffix("\n") ? "" : "\n"))
        let output = try String(contentsOfFile: s.dir.path + "/output", encoding: .utf8)
        #expect(output.contains("diff-exit-code=1") && output.contains("valid=true"))
        // The runner's temporary folder is left as it was found.
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir.path + "/runner") == [".keep"])

        // A second run (another push) updates the same comment.
        s.resetCalls()
        let second = try s.review()
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("updated the orgtree comment 2 on #7"))
        #expect(try s.calls().contains { $0.hasPrefix("api -X PATCH repos/lumen-labs/access/issues/comments/2 ") })
        #expect(try !s.calls().contains { $0.contains("POST") })
        comments = try s.comments()
        #expect(comments.count == 2 && comments[0]["body"] as? String == "<!-- other-bot -->\nhello")

        // A push that breaks the tree: annotations, the comment says so, the step fails.
        try s.dir.write("repo/org/people/ann.yaml", String(contentsOfFile: s.repo + "/org/people/ann.yaml", encoding: .utf8)
            .replacingOccurrences(of: "email: ann.berger@lumenlabs.example", with: "email: ann(at)lumenlabs.example"))
        try s.commit("a broken e-mail")
        s.resetCalls()
        let broken = try s.review()
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("::error file=org/people/ann.yaml,line=4,col=8"), "\(broken.stdout)")
        #expect(broken.stdout.contains("::error::orgtree diff exited with 2"))
        comments = try s.comments()
        #expect(comments.count == 2)
        let invalid = try #require(comments.last?["body"] as? String)
        #expect(invalid.hasPrefix("<!-- orgtree-diff -->\n") && invalid.contains("ann(at)lumenlabs.example"), "\(invalid)")
        #expect(try String(contentsOfFile: s.dir.path + "/output", encoding: .utf8).contains("valid=false"))
    }

    @Test func approvingReviewsAreTheApprovers() throws {
        try #require(Self.jq, "the action and this test need jq (apt-get install jq)")
        let s = try Setup()
        // chloe (an org admin) approves; dora approved, then asked for changes; a bot commented.
        s.dir.write("gh/reviews.json", """
            [{"user": {"login": "chloe-m"}, "state": "APPROVED"}, {"user": {"login": "dora"}, "state": "APPROVED"},
             {"user": {"login": "dora"}, "state": "CHANGES_REQUESTED"}, {"user": {"login": "bot"}, "state": "COMMENTED"}]
            """)
        s.dir.write("gh/users/chloe-m.json", #"{"login": "chloe-m", "email": "Chloe.Martin@lumenlabs.example"}"#)
        s.dir.write("gh/users/dora.json", #"{"login": "dora", "email": "ann.berger@lumenlabs.example"}"#)
        // A review's event: GitHub sets no GITHUB_BASE_REF; the event names the base.
        let gate = ["ORGTREE_APPROVERS_FROM_REVIEWS": "true", "GITHUB_EVENT_NAME": "pull_request_review", "GITHUB_BASE_REF": ""]
        let admin = try s.review(gate)
        #expect(admin.status == 1, "\(admin.stdout)\(admin.stderr)")
        #expect(admin.stderr.contains("approving review by chloe-m: Chloe.Martin@lumenlabs.example"))
        #expect(!admin.stderr.contains("dora"))
        #expect(admin.stdout.contains("::error::some access changes are not approved"))
        let body = try #require(try s.comments().last?["body"] as? String)
        #expect(body.contains("### ⛔ Changes not approved by `chloe` (2)"), "\(body)")
        #expect(body.contains("not approved: needs an org owner"))

        // bruno (an org owner) approves too; his profile shows no e-mail, reviewer-emails maps him.
        s.dir.write("gh/reviews.json", """
            [{"user": {"login": "chloe-m"}, "state": "APPROVED"}, {"user": {"login": "bcosta"}, "state": "APPROVED"}]
            """)
        let mapped = try s.review(gate.merging(["ORGTREE_REVIEWER_EMAILS": "someone other@x.example\nbcosta bruno.costa@lumenlabs.example\n"]) { $1 })
        #expect(mapped.status == 0, "\(mapped.stdout)\(mapped.stderr)")
        let approved = try #require(try s.comments().last?["body"] as? String)
        #expect(approved.contains("### ✅ Every change is approved by `bruno`, `chloe`\n\nbruno is an org owner; chloe is an org admin.\n"), "\(approved)")
        #expect(try s.comments().count == 1)

        // Without the mapping bruno counts for nothing, and says so.
        let unmapped = try s.review(gate)
        #expect(unmapped.status == 1)
        #expect(unmapped.stderr.contains("::warning::approving review by bcosta counts for nothing"))
    }

    /// format text and a state store: the report in a code block, the plan after the
    /// diff; with comment false, gh is not called.
    @Test func textFormatAndThePlanAgainstAStore() throws {
        try #require(Self.jq, "the action and this test need jq (apt-get install jq)")
        let s = try Setup()
        let r = try s.review(["ORGTREE_FORMAT": "text", "ORGTREE_STATE": "sqlite:\(s.dir.path)/state.db", "ORGTREE_COMMENT": "false"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let summary = try String(contentsOfFile: s.summary, encoding: .utf8)
        #expect(summary.hasPrefix("<!-- orgtree-diff -->\n```\norgtree diff origin/main:org → HEAD:org"), "\(summary)")
        #expect(summary.contains("Apply would write revision 1"), "\(summary)")
        #expect(try s.calls().isEmpty)
        let bad = try s.review(["ORGTREE_FORMAT": "html"])
        #expect(bad.status == 2 && bad.stdout.contains("::error::format is markdown or text, not 'html'"))
    }

    /// action.yml passes every input on, and sets every variable the review step reads.
    @Test func theActionWiresEveryInput() throws {
        let action = try String(contentsOfFile: Repo.path("action.yml"), encoding: .utf8)
        let script = try String(contentsOfFile: Repo.path("scripts/github-action.sh"), encoding: .utf8)
        let inputsBlock = try #require(action.components(separatedBy: "\ninputs:\n").last?.components(separatedBy: "\noutputs:\n").first)
        let inputs = inputsBlock.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") else { return nil }
            return String(line.dropFirst(2).dropLast())
        }
        #expect(inputs.count == 10, "\(inputs)")
        for input in inputs {
            #expect(action.contains("${{ inputs.\(input) }}"), "input \(input) is not used")
        }
        let variables = Set(script.matches(of: /\$\{?(ORGTREE_[A-Z_]+)/).map { String($0.1) })
        #expect(variables.count >= 8)
        for variable in variables {
            #expect(action.contains("\(variable): ${{ inputs."), "action.yml does not set \(variable)")
        }
        #expect(action.contains("\"$GITHUB_ACTION_PATH/scripts/github-action.sh\" review"))
    }
}
