import Foundation
import Testing

/// Argument parsing, shared options and exit codes, run in process.
@Suite("Command line in process")
struct CommandLineTests {
    static let sample = Repo.path("sample-org")

    /// A command's help with its line breaks and indentation folded to single spaces.
    static func help(_ words: String...) -> String { help(words) }

    static func help(_ words: [String]) -> String {
        orgtreeInProcess(words + ["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func everyCommandShowsHelpWithExitZero() {
        let commands = ["validate", "effective", "explain", "who-can", "diff", "plan", "apply", "drift", "import",
                        "invitations", "unlock", "audit", "rules", "generate"]
        for command in commands {
            let r = orgtreeInProcess([command, "--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("USAGE: orgtree \(command)"), "\(command): \(r.stdout)")
            #expect(r.stderr.isEmpty)
        }
    }

    /// `--at`, `--state` and `--format` are one option each, declared once and used by every command
    /// that evaluates on a day or opens a store.
    @Test func sharedOptionsAreTheSameEverywhere() {
        let atHelp = "Evaluate on this day (YYYY-MM-DD): token expiry and assertions. Default: today."
        let store = ["--state", "sqlite:/nonexistent/x.db"]
        let uses: [String: [String]] = [
            "validate": [Self.sample], "effective": [Self.sample], "explain": [Self.sample, "kai", "org.read"],
            "who-can": [Self.sample, "org.read"], "diff": [Self.sample, Self.sample], "plan": [Self.sample] + store,
            "apply": [Self.sample] + store,
        ]
        for (command, arguments) in uses {
            #expect(Self.help(command).contains(atHelp), "\(command)")
            let r = orgtreeInProcess([command, "--at", "2027-02-30"] + arguments)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("--at takes a day as YYYY-MM-DD, not '2027-02-30'"), "\(command): \(r.stderr)")
        }
        for command in ["plan", "apply", "drift", "import", "invitations", "unlock", "audit verify"] {
            let words = command.split(separator: " ").map(String.init)
            #expect(Self.help(words).contains("sqlite:PATH (SQLite) or postgres://USER@HOST:PORT/DB (PostgreSQL)"), "\(command)")
            #expect(orgtreeInProcess(words + (command == "import" ? ["--out", "x"] : command == "unlock" ? ["abc"] : [])).status == 2, "\(command) without --state")
        }
        let formats = ["validate": "text, json, github, sarif, junit", "effective": "text, json", "explain": "text, json",
                       "who-can": "text, json", "diff": "text, markdown, json", "plan": "text, markdown, json"]
        for (command, values) in formats {
            #expect(Self.help(command).contains("--format <format> The output format. (values: \(values); default: text)"), "\(command)")
        }
        let generate = orgtreeInProcess(["generate", "--people", "3", "--projects", "1", "--out", "/nonexistent/x", "--today", "someday"])
        #expect(generate.status == 2)
        #expect(generate.stderr == "orgtree: error: --today takes a day as YYYY-MM-DD, not 'someday'\n")
    }

    @Test func usageErrorsExitTwoAndSayWhatIsWrong() {
        let cases: [([String], String)] = [
            (["frobnicate"], "unknown command 'frobnicate'; `orgtree --help` lists the commands"),
            (["validte", Self.sample], "unknown command 'validte'; did you mean 'validate'?"),
            (["explain", Self.sample, "kai"], "missing PERMISSION: after the tree \(Self.sample) write SUBJECT PERMISSION"),
            (["explain", Self.sample, "kai", "content.write"], "content.write is a project permission; name the project with --on PROJECT (helpdesk, internal-faq, onboarding, shop)"),
            (["validate", "--format", "yaml", Self.sample], "The value 'yaml' is invalid for '--format <format>'"),
            (["explain", Self.sample], "expected [TREE] SUBJECT PERMISSION"),
            (["effective", Self.sample, "--person", "kai", "--subject", "kai"], "give --person or --subject, not both"),
            (["effective", Self.sample, "--person", "pixel/gus"], "--person takes a person of the organization; use --subject for pixel/gus"),
            (["who-can", Self.sample, "billing.manage", "--on", "shop"], "billing.manage is an org permission; drop --on"),
            (["diff", Self.sample, Self.sample, "--actor", "token:shop/ci-deploy"], "--actor takes a person (ann) or an agency person (pixel/gus)"),
            (["rules", "no-such-rule"], "no rule named 'no-such-rule'"),
            (["validate", "/nonexistent/tree"], "no such folder: /nonexistent/tree"),
            (["validate", Repo.path("docs")], "no organization.yaml in \(Repo.path("docs")) — is this an orgtree tree?"),
            (["diff", "main", Self.sample], "no such folder 'main'; for a Git revision write main:PATH (main: for the repository's root)"),
        ]
        for (arguments, message) in cases {
            let r = orgtreeInProcess(arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test func findingsExitOneAndSuccessZero() {
        #expect(orgtreeInProcess(["validate", Self.sample]).status == 0)
        #expect(orgtreeInProcess(["explain", Self.sample, "kai", "content.write", "--on", "helpdesk"]).status == 0)
        #expect(orgtreeInProcess(["explain", Self.sample, "chloe", "billing.manage"]).status == 1)
        #expect(orgtreeInProcess(["diff", Self.sample, Self.sample]).status == 0)
        let version = orgtreeInProcess(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."))
    }
}
