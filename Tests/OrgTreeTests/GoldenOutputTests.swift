import Foundation
import GRDB
import Testing

/// Every command × format on sample-org and a small generated tree, compared byte for byte
/// with `Tests/Fixtures/golden/`. A change of output is a decision: re-record with
/// `ORGTREE_GOLDEN_RECORD=1 swift test --filter GoldenOutputTests` and say why in the commit.
@Suite("Golden outputs", .serialized)
struct GoldenOutputTests {
    static let day = "2027-01-04"

    /// The trees the cases run on, copied into one temporary folder: sample-org, a broken
    /// copy of it (an invalid e-mail and a team cycle), an edited copy (for diff and plan), a copy
    /// that fails only assertions (for diff), and a generated tree.
    final class Trees {
        let folder = TemporaryFolder()
        var root: String { folder.path }

        init() throws {
            try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: root + "/sample-org")
            try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: root + "/broken-org")
            try Self.edit(root + "/broken-org/people/hugo.yaml") { $0.replacingOccurrences(of: "hugo.weber@", with: "hugo.weber(at)") }
            try Self.edit(root + "/broken-org/teams/support.yaml") { $0 + "includes:\n  - tier2\n" }
            try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: root + "/changed-org")
            try Self.edit(root + "/changed-org/teams/backend.yaml") { $0 + "  - kai\n" }
            try Self.edit(root + "/changed-org/people/pia.yaml") { $0.replacingOccurrences(of: "Marketing Analyst", with: "Lead Analyst") }
            try Self.edit(root + "/changed-org/projects/helpdesk/tokens.yaml") {
                String($0[..<$0.range(of: "  staging-sync:")!.lowerBound])
            }
            try "firstName: Quinn\nlastName: Adler\nemail: quinn.adler@lumenlabs.example\ntfa:\n  method: app\n"
                .write(toFile: root + "/changed-org/people/quinn.yaml", atomically: true, encoding: .utf8)
            // tier2 only reads the helpdesk: kai's assertion that he writes there fails.
            try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: root + "/failing-org")
            try Self.edit(root + "/failing-org/projects/helpdesk/project.yaml") { $0.replacingOccurrences(of: "tier2: editor", with: "tier2: reader") }
            // High-risk changes: an agency person gains the helpdesk, a token a write scope, bruno becomes an admin.
            try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: root + "/risky-org")
            try Self.edit(root + "/risky-org/partners/pixel/partner.yaml") { $0.replacingOccurrences(of: "    - hana\n", with: "    - hana\n    - ivo\n") }
            try Self.edit(root + "/risky-org/projects/helpdesk/project.yaml") {
                $0.replacingOccurrences(of: "      pixel/hana: reader\n", with: "      pixel/hana: reader\n      pixel/ivo: reader\n")
            }
            try Self.edit(root + "/risky-org/projects/shop/tokens.yaml") { $0.replacingOccurrences(of: "      - analytics:read\n", with: "      - analytics:read\n      - events:write\n") }
            try Self.edit(root + "/risky-org/organization.yaml") {
                $0.replacingOccurrences(of: "    - ann\n    - bruno\n", with: "    - ann\n").replacingOccurrences(of: "    - dev\n", with: "    - dev\n    - bruno\n")
            }
        }

        static func edit(_ file: String, _ body: (String) -> String) throws {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let changed = body(text)
            guard changed != text else { throw TestStoreError("the edit changed nothing in \(file)") }
            try changed.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    /// One command's run as a golden file: the command line, exit status, standard output
    /// and standard error, with the temporary folder written as `$TMP` and times as `<time>`.
    static func transcript(_ arguments: [String], in root: String, _ result: ProcessResult) -> String {
        func clean(_ text: String) -> String { Self.clean(text, root: root) }
        let command = arguments.map { clean($0) }.joined(separator: " ")
        return "$ orgtree \(command)\n[exit \(result.status)]\n--- stdout\n\(clean(result.stdout))\n--- stderr\n\(clean(result.stderr))"
    }

    static func clean(_ text: String, root: String) -> String {
        let text = text.replacingOccurrences(of: root + "/", with: "").replacingOccurrences(of: root, with: "$TMP")
        return text.replacing(#/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/#, with: "<time>")
    }

    /// Compares with (or, when recording, writes) `Tests/Fixtures/golden/NAME.txt`.
    static func check(_ name: String, _ text: String) throws {
        let path = Repo.path("Tests/Fixtures/golden/\(name).txt")
        if ProcessInfo.processInfo.environment["ORGTREE_GOLDEN_RECORD"] != nil {
            try FileManager.default.createDirectory(atPath: Repo.path("Tests/Fixtures/golden"), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("""
                golden \(name) differs at line \(first + 1):
                expected: \(first < a.count ? String(a[first]) : "(end)")
                actual:   \(first < b.count ? String(b[first]) : "(end)")
                """)
        }
    }

    /// Runs a command in process and checks its transcript.
    static func run(_ name: String, _ arguments: [String], in root: String) throws {
        try check(name, transcript(arguments, in: root, orgtreeInProcess(arguments)))
    }

    /// The files of a folder, each behind a `==> PATH <==` line, in path order.
    static func listing(_ folder: String) throws -> String {
        let paths = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        var out = ""
        for path in paths {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) || isDirectory.boolValue { continue }
            out += "==> \(path) <==\n" + (try String(contentsOfFile: folder + "/" + path, encoding: .utf8))
        }
        return out
    }

    /// The built executable gives the same bytes and exit status as the commands run in
    /// process, on a few cases of every kind.
    @Test func executableMatchesInProcess() throws {
        let trees = try Trees()
        let r = trees.root
        let state = "sqlite:\(r)/state.db"
        let cases: [[String]] = [
            ["validate", r + "/broken-org", "--format", "github", "--at", Self.day],
            ["explain", r + "/sample-org", "chloe", "billing.manage", "--at", Self.day],
            ["diff", r + "/sample-org", r + "/changed-org", "--format", "markdown", "--at", Self.day],
            ["plan", r + "/sample-org", "--state", state, "--format", "json", "--at", Self.day],
            ["apply", r + "/sample-org", "--state", state, "--secrets-out", r + "/secrets.txt", "--at", Self.day],
            ["audit", "verify", "--state", state],
            ["frobnicate"],
            ["validate", "--help"],
        ]
        for arguments in cases {
            let inProcess = orgtreeInProcess(arguments)
            if arguments[0] == "apply" { try FileManager.default.removeItem(atPath: r + "/state.db"); try FileManager.default.removeItem(atPath: r + "/secrets.txt") }
            let binary = try runExecutable(arguments, environment: ["NO_COLOR": "1", "COLUMNS": "80"])
            #expect(binary.status == inProcess.status, "\(arguments)")
            #expect(binary.stdout == inProcess.stdout, "\(arguments)")
            #expect(binary.stderr == inProcess.stderr, "\(arguments)")
        }
    }

    @Test func validate() throws {
        let trees = try Trees()
        let r = trees.root
        for format in ["text", "json", "github", "sarif", "junit"] {
            try Self.run("validate-sample-\(format)", ["validate", r + "/sample-org", "--format", format, "--at", Self.day], in: r)
            try Self.run("validate-broken-\(format)", ["validate", r + "/broken-org", "--format", format, "--at", Self.day], in: r)
        }
        try Self.run("validate-missing", ["validate", r + "/no-such-org"], in: r)
        try Self.run("validate-bad-day", ["validate", r + "/sample-org", "--at", "2027-13-01"], in: r)
    }

    @Test func accessQueries() throws {
        let trees = try Trees()
        let r = trees.root, s = r + "/sample-org", at = ["--at", Self.day]
        for format in ["text", "json"] {
            let f = ["--format", format]
            try Self.run("effective-all-\(format)", ["effective", s] + f + at, in: r)
            try Self.run("effective-person-\(format)", ["effective", s, "--person", "kai"] + f + at, in: r)
            try Self.run("effective-agency-project-\(format)", ["effective", s, "--subject", "pixel/gus", "--project", "helpdesk"] + f + at, in: r)
            try Self.run("effective-token-\(format)", ["effective", s, "--subject", "token:shop/ci-deploy"] + f + at, in: r)
            try Self.run("explain-granted-\(format)", ["explain", s, "kai", "content.write", "--on", "helpdesk"] + f + at, in: r)
            try Self.run("explain-agency-\(format)", ["explain", s, "pixel/hana", "content.write", "--on", "helpdesk"] + f + at, in: r)
            try Self.run("explain-denied-\(format)", ["explain", s, "chloe", "billing.manage"] + f + at, in: r)
            try Self.run("explain-token-\(format)", ["explain", s, "token:shop/ci-deploy", "content:write"] + f + at, in: r)
            try Self.run("who-can-org-\(format)", ["who-can", s, "billing.manage"] + f + at, in: r)
            try Self.run("who-can-project-\(format)", ["who-can", s, "content.write", "--on", "helpdesk"] + f + at, in: r)
            try Self.run("who-can-everywhere-\(format)", ["who-can", s, "content.write"] + f + at, in: r)
        }
        try Self.run("effective-broken", ["effective", r + "/broken-org", "--person", "ann", "--at", Self.day], in: r)
        try Self.run("explain-unknown-subject", ["explain", s, "kia", "content.write", "--on", "helpdesk"] + at, in: r)
        try Self.run("explain-unknown-permission", ["explain", s, "kai", "content.wrote"] + at, in: r)
        try Self.run("who-can-org-with-on", ["who-can", s, "billing.manage", "--on", "shop"] + at, in: r)
    }

    @Test func diff() throws {
        let trees = try Trees()
        let r = trees.root
        let (old, new, broken) = (r + "/sample-org", r + "/changed-org", r + "/broken-org")
        for format in ["text", "markdown", "json"] {
            let f = ["--format", format, "--at", Self.day]
            try Self.run("diff-\(format)", ["diff", old, new] + f, in: r)
            try Self.run("diff-actor-\(format)", ["diff", old, new, "--actor", "chloe"] + f, in: r)
            // A member by e-mail and a reviewer from outside; an admin, who may approve it all.
            try Self.run("diff-approved-by-\(format)", ["diff", old, new, "--approved-by", "MATEO.garcia@lumenlabs.example,someone@outside.example"] + f, in: r)
            try Self.run("diff-approved-by-all-\(format)", ["diff", old, new, "--approved-by", "chloe"] + f, in: r)
            try Self.run("diff-same-\(format)", ["diff", old, old] + f, in: r)
            try Self.run("diff-new-invalid-\(format)", ["diff", old, broken] + f, in: r)
            try Self.run("diff-failing-assertions-\(format)", ["diff", old, r + "/failing-org"] + f, in: r)
        }
        try Self.run("diff-high-risk-markdown", ["diff", old, r + "/risky-org", "--format", "markdown", "--at", Self.day], in: r)
    }

    @Test func graph() throws {
        let trees = try Trees()
        let r = trees.root, s = r + "/sample-org", at = ["--at", Self.day]
        for format in ["dot", "mermaid"] {
            let f = ["--format", format]
            try Self.run("graph-person-\(format)", ["graph", s, "--subject", "kai"] + f + at, in: r)
            try Self.run("graph-agency-\(format)", ["graph", s, "--subject", "pixel/gus"] + f + at, in: r)
            try Self.run("graph-token-\(format)", ["graph", s, "--subject", "token:shop/ci-deploy"] + f + at, in: r)
            try Self.run("graph-project-\(format)", ["graph", s, "--project", "helpdesk"] + f + at, in: r)
        }
        try Self.run("graph-owner-mermaid", ["graph", s, "--subject", "ann", "--format", "mermaid"] + at, in: r)
        try Self.run("graph-unknown-subject", ["graph", s, "--subject", "kia"] + at, in: r)
        try Self.run("graph-unknown-project", ["graph", s, "--project", "helpdsk"] + at, in: r)
    }

    @Test func rulesAndGenerate() throws {
        let trees = try Trees()
        let r = trees.root
        try Self.run("rules", ["rules"], in: r)
        try Self.run("rules-team-cycle", ["rules", "team-cycle"], in: r)
        try Self.run("rules-unknown", ["rules", "team-cylce"], in: r)
        try Self.run("generate", ["generate", "--people", "12", "--projects", "3", "--seed", "5", "--today", "2026-06-01", "--out", r + "/gen"], in: r)
        try Self.check("generate-files", try Self.listing(r + "/gen"))
        for format in ["text", "json"] {
            try Self.run("validate-generated-\(format)", ["validate", r + "/gen", "--format", format, "--at", Self.day], in: r)
            try Self.run("effective-generated-\(format)", ["effective", r + "/gen", "--format", format, "--at", Self.day], in: r)
        }
    }

    /// plan, apply, drift, import, audit and unlock on one SQLite store, step by step.
    @Test func store() throws {
        let trees = try Trees()
        let r = trees.root
        let state = "sqlite:\(r)/state.db"
        let at = ["--at", Self.day]
        var step = 0
        func run(_ name: String, _ arguments: [String]) throws {
            step += 1
            try Self.run(String(format: "store-%02d-%@", step, name), arguments, in: r)
        }
        for format in ["text", "markdown", "json"] {
            try run("plan-empty-\(format)", ["plan", r + "/sample-org", "--state", state, "--format", format] + at)
        }
        try run("apply-without-secrets-out", ["apply", r + "/sample-org", "--state", state] + at)
        try run("apply-first", ["apply", r + "/sample-org", "--state", state, "--secrets-out", r + "/secrets-1.txt"] + at)
        try run("apply-again", ["apply", r + "/sample-org", "--state", state] + at)
        try run("plan-no-changes", ["plan", r + "/sample-org", "--state", state] + at)
        for format in ["text", "markdown", "json"] {
            try run("plan-changes-\(format)", ["plan", r + "/changed-org", "--state", state, "--format", format] + at)
        }
        try run("plan-out", ["plan", r + "/changed-org", "--state", state, "--out", r + "/plan.json"] + at)
        try Self.check(String(format: "store-%02d-plan-file", step), Self.clean(try String(contentsOfFile: r + "/plan.json", encoding: .utf8), root: r))
        try run("apply-invalid", ["apply", r + "/broken-org", "--state", state] + at)
        try run("apply-actor-refused", ["apply", r + "/changed-org", "--state", state, "--actor", "kai", "--plan", r + "/plan.json"])
        try run("apply-max-removals", ["apply", r + "/changed-org", "--state", state, "--max-removals", "0"] + at)
        try run("apply-plan", ["apply", r + "/changed-org", "--state", state, "--plan", r + "/plan.json"])
        try run("apply-stale-plan", ["apply", r + "/changed-org", "--state", state, "--plan", r + "/plan.json"])
        try run("drift-none", ["drift", r + "/changed-org", "--state", state])
        let db = try DatabaseQueue(path: "\(r)/state.db")
        try db.write { try $0.execute(sql: "UPDATE people SET job_title = 'Boss' WHERE id = 'ann'") }
        try db.write { try $0.execute(sql: "DELETE FROM effective_permissions WHERE subject = 'kai' AND permission = 'content.write'") }
        try run("drift-some", ["drift", r + "/changed-org", "--state", state])
        try run("plan-drift", ["plan", r + "/changed-org", "--state", state, "--recompute-all"] + at)
        try run("apply-recompute-all", ["apply", r + "/changed-org", "--state", state, "--recompute-all"] + at)
        try run("import", ["import", "--state", state, "--out", r + "/imported"])
        try Self.check(String(format: "store-%02d-import-files", step), try Self.listing(r + "/imported"))
        try run("import-not-empty", ["import", "--state", state, "--out", r + "/imported"])
        try run("audit-verify", ["audit", "verify", "--state", state])
        try run("unlock-unknown", ["unlock", "--state", state, "0123456789abcdef"])
        try db.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3") }
        try run("audit-verify-broken", ["audit", "verify", "--state", state])
        for format in ["text", "json"] {
            try run("audit-log-\(format)", ["audit", "log", "--state", state, "--subject", "kai", "--format", format])
        }
    }
}
