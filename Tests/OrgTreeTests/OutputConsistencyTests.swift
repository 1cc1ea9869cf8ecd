import ArgumentParser
import Foundation
import Testing
import OrgTreeCommands
import OrgTreeCore

/// One way of writing output across the commands: `--color` on each, one JSON style, help
/// that survives argument-parser's wrapping, and `token-expires-soon` wherever a tree is
/// validated.
@Suite("Consistent output")
struct OutputConsistencyTests {
    /// Runs a command line in process on a console that stands for a terminal or a pipe.
    static func run(_ arguments: [String], terminal: Bool, environment: [String: String] = [:]) -> ProcessResult {
        orgtreeInProcess(arguments, terminal: terminal, environment: environment)
    }

    static let escape = "\u{1B}["

    static func brokenTree() -> TemporaryFolder {
        let dir = TemporaryFolder()
        dir.writeTree(["teams/a.yaml": "name: A\nincludes: [a]\n"])
        return dir
    }

    @Test("--color always colours a pipe, never colours no terminal, auto follows the terminal and NO_COLOR")
    func colour() {
        let dir = Self.brokenTree()
        let validate = ["validate", dir.path]
        #expect(Self.run(validate + ["--color", "always"], terminal: false).stdout.contains(Self.escape))
        #expect(Self.run(validate + ["--color", "always"], terminal: false, environment: ["NO_COLOR": "1"]).stdout.contains(Self.escape))
        #expect(!Self.run(validate + ["--color", "never"], terminal: true).stdout.contains(Self.escape))
        #expect(!Self.run(validate, terminal: false).stdout.contains(Self.escape))
        #expect(Self.run(validate, terminal: true).stdout.contains(Self.escape))
        #expect(!Self.run(validate + ["--color", "auto"], terminal: true, environment: ["NO_COLOR": "1"]).stdout.contains(Self.escape))
        #expect(Self.run(validate, terminal: true, environment: ["NO_COLOR": ""]).stdout.contains(Self.escape))
        #expect(!Self.run(validate, terminal: true, environment: ["TERM": "dumb"]).stdout.contains(Self.escape))
        // Formats other than text are never coloured.
        #expect(!Self.run(validate + ["--color", "always", "--format", "json"], terminal: false).stdout.contains(Self.escape))
        #expect(Self.run(validate + ["--color", "sometimes"], terminal: false).status == 2)
    }

    @Test("the built executable colours a pipe with --color always, not by default nor with NO_COLOR")
    func colourInTheExecutable() throws {
        let dir = Self.brokenTree()
        #expect(try runExecutable(["validate", dir.path, "--color", "always"], environment: ["NO_COLOR": "1"]).stdout.contains(Self.escape))
        #expect(!(try runExecutable(["validate", dir.path])).stdout.contains(Self.escape))
        #expect(!(try runExecutable(["validate", dir.path, "--color", "never"])).stdout.contains(Self.escape))
    }

    /// Every command, subcommands included, with its name as typed.
    static func commands(_ type: any ParsableCommand.Type = Orgtree.self, path: [String] = []) -> [(path: [String], type: any ParsableCommand.Type)] {
        type.configuration.subcommands.flatMap { sub -> [(path: [String], type: any ParsableCommand.Type)] in
            let name = path + [sub._commandName]
            return sub.configuration.subcommands.isEmpty ? [(name, sub)] : [(name, sub)] + commands(sub, path: name)
        }
    }

    @Test("every command takes --color")
    func everyCommandTakesColor() {
        for (path, type) in Self.commands() where type.configuration.subcommands.isEmpty {
            #expect(Orgtree.helpMessage(for: type, columns: 80).contains("--color <color>"), "\(path.joined(separator: " "))")
        }
    }

    /// Lines of a help text that argument-parser's wrapping left with one word, a
    /// continuation of the line before (labels of options and arguments, headings and
    /// example lines are not continuations).
    static func strayWords(_ help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.indices.dropFirst().compactMap { i in
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.contains(" "), !lines[i - 1].trimmingCharacters(in: .whitespaces).isEmpty,
                  !line.hasPrefix("-"), !line.hasPrefix("<"), !line.hasSuffix(":") else { return nil }
            return "\(lines[i - 1])⏎\(lines[i])"
        }
    }

    @Test("no help text, at 80 columns, wraps into a line of one stray word")
    func helpIsNotRewrapped() {
        for (path, type) in [([], Orgtree.self)] + Self.commands() {
            let help = Orgtree.helpMessage(for: type, columns: 80)
            #expect(Self.strayWords(help).isEmpty, "orgtree \(path.joined(separator: " ")): \(Self.strayWords(help))")
        }
    }

    @Test("the lone-word check finds a re-wrapped line")
    func strayWordsAreFound() {
        #expect(Self.strayWords("OVERVIEW: one two\nthree\n\nOPTIONS:\n  --recompute-all\n    Recompute the rows.") == ["OVERVIEW: one two⏎three"])
    }

    @Test("explain and who-can show their real arguments; the top-level help has examples")
    func usage() throws {
        let explain = try runOrgtree(["help", "explain"]).stdout
        #expect(explain.contains("USAGE: orgtree explain [TREE] SUBJECT PERMISSION [--on PROJECT]"), "\(explain)")
        let whoCan = try runOrgtree(["who-can", "--help"]).stdout
        #expect(whoCan.contains("USAGE: orgtree who-can [TREE] PERMISSION [--on PROJECT]"), "\(whoCan)")
        #expect(!explain.contains("<arguments>") && !whoCan.contains("<arguments>"))
        let top = try runOrgtree(["--help"]).stdout
        #expect(top.contains("Examples:\n  orgtree validate sample-org\n"), "\(top)")
    }

    /// Keys of a JSON document, at every depth, but the keys of maps keyed by data
    /// (project ids, subjects).
    static func keys(_ value: Any, under parent: String = "") -> [String] {
        if let object = value as? [String: Any] {
            let dataKeyed = ["project_defaults", "effective"].contains(parent)
            return object.flatMap { key, member in (dataKeyed ? [] : [key]) + keys(member, under: key) }
        }
        if let array = value as? [Any] { return array.flatMap { keys($0, under: parent) } }
        return []
    }

    @Test("every JSON output has snake_case keys, a format_version and the one layout")
    func jsonStyle() throws {
        let sample = Repo.path("sample-org")
        let outputs = [
            ["validate", sample, "--format", "json"], ["validate", sample, "--format", "sarif"],
            ["effective", sample, "--person", "kai", "--format", "json"],
            ["explain", sample, "kai", "content.write", "--on", "helpdesk", "--format", "json"],
            ["who-can", sample, "billing.manage", "--format", "json"],
            ["diff", sample, sample, "--format", "json"],
        ]
        for arguments in outputs {
            let r = try runOrgtree(arguments + ["--at", "2027-01-04"])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(arguments)")
            if !arguments.contains("sarif") {
                #expect(document["format_version"] is Int, "\(arguments)")
                let bad = Self.keys(document).filter { $0.wholeMatch(of: /[a-z][a-z0-9_]*/) == nil }
                #expect(bad.isEmpty, "\(arguments): \(bad)")
            }
            #expect(r.stdout.hasSuffix("}\n"))
            // Compact: no line is indented, no key is followed by a space.
            #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix(" ") }, "\(arguments)")
            #expect(!r.stdout.contains("\": "), "\(arguments)")
        }
    }

    @Test("token-expires-soon: within --expiry-warning days (30 by default), wherever a tree is validated")
    func expiryWarning() throws {
        let dir = TemporaryFolder()
        dir.writeTree(["projects/shop/tokens.yaml": "tokens:\n  ci:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: 2026-03-01\n"])
        let soon = "warning: token ci stops working after 2026-03-01 (in 28 days); renew it before then [token-expires-soon]"
        let validate = try runOrgtree(["validate", dir.path, "--at", "2026-02-01"])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains(soon), "\(validate.stdout)")
        #expect(!(try runOrgtree(["validate", dir.path, "--at", "2026-02-01", "--expiry-warning", "20"])).stdout.contains("token-expires-soon"))
        #expect(!(try runOrgtree(["validate", dir.path, "--at", "2026-02-01", "--expiry-warning", "0"])).stdout.contains("token-expires-soon"))
        #expect(try runOrgtree(["validate", dir.path, "--at", "2026-01-01", "--expiry-warning", "59"]).stdout.contains("(in 59 days)"))
        #expect(try runOrgtree(["validate", dir.path, "--at", "2026-03-01"]).stdout.contains("after 2026-03-01 (today)"))
        #expect(try runOrgtree(["validate", dir.path, "--expiry-warning", "-1"]).status == 2)

        // diff prints NEW's diagnostics (here: it does not validate) with the same window.
        dir.write("teams/a.yaml", "name: A\nincludes: [a]\n")
        let diff = try runOrgtree(["diff", dir.path, dir.path, "--at", "2026-02-01", "--expiry-warning", "40"])
        #expect(diff.status == 2)
        #expect(diff.stdout.contains("token-expires-soon"), "\(diff.stdout)")
        #expect(!(try runOrgtree(["diff", dir.path, dir.path, "--at", "2026-02-01", "--expiry-warning", "0"])).stdout.contains("token-expires-soon"))
    }
}
