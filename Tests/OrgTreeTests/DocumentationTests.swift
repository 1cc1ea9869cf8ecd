import Foundation
import OrgTreeCore
import Testing

/// README runs as written. Its ```` ```console ```` blocks are transcripts: each `$ orgtree …`
/// line is followed by what the command prints (standard output, then standard error),
/// and a blank line separates one command's output from the next command. The test runs
/// every such line with the built executable from the repository's root, as a reader
/// would, and compares the output byte for byte. Blocks of commands for the reader to
/// run (set-up, CI) are ```` ```sh ```` or ```` ```yaml ```` and are not run; a `$ orgtree`
/// line anywhere but in a console block is an error. `ORGTREE_GOLDEN_RECORD=1` writes the
/// actual outputs into README.md instead.
@Suite("Documentation")
struct DocumentationTests {
    static let readme = Repo.path("README.md")

    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOfFile: Self.readme, encoding: .utf8)
        for rule in RuleName.allCases {
            #expect(readme.contains("| `\(rule.rawValue)` | \(rule.severity.rawValue) |"), "README lacks \(rule.rawValue)")
        }
    }

    @Test func readmeTranscriptsRunAsWritten() throws {
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blocks = FencedBlock.all(in: lines)
        for block in blocks where block.info != "console" {
            #expect(!block.body.contains { $0.hasPrefix("$ orgtree") },
                    "README.md:\(block.start + 1): a block with `$ orgtree` lines is a transcript: fence it as console")
        }
        let consoles = blocks.filter { $0.info == "console" }
        #expect(!consoles.isEmpty)
        // From the last block up, so that recording keeps the earlier blocks' line numbers.
        for block in consoles.reversed() {
            #expect(block.body.first?.hasPrefix("$ ") == true, "README.md:\(block.start + 2): a console block starts with a `$ orgtree` line")
            var recorded: [String] = []
            for transcript in Transcript.all(in: block) {
                let words = transcript.command.split(separator: " ").map(String.init)
                #expect(words.first == "orgtree", "README.md:\(transcript.line): a console block runs orgtree only")
                guard words.first == "orgtree" else { continue }
                let result = try runExecutable(Array(words.dropFirst()), environment: ["NO_COLOR": "1"], in: Repo.root.path)
                let actual = result.stdout + result.stderr
                #expect(actual == transcript.output, "README.md:\(transcript.line): `\(transcript.command)` prints otherwise:\n\(actual)")
                if !recorded.isEmpty { recorded.append("") }
                recorded.append("$ " + transcript.command)
                recorded += actual.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            }
            lines.replaceSubrange(block.start + 1..<block.end, with: recorded)
        }
        if ProcessInfo.processInfo.environment["ORGTREE_GOLDEN_RECORD"] != nil {
            try lines.joined(separator: "\n").write(toFile: Self.readme, atomically: true, encoding: .utf8)
        }
    }

    /// The CI configurations README shows are shipped whole in examples/ci/, as README
    /// shows them.
    @Test func readmeShowsTheShippedCIFiles() throws {
        let readme = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let folder = Repo.path("examples/ci")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["access-review.yml", "gitlab-ci.yml"])
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(readme.contains("```yaml\n" + text + "```\n"), "README.md does not show examples/ci/\(file) as it is")
            #expect(readme.contains("`examples/ci/\(file)`"), "README.md does not name examples/ci/\(file)")
        }
    }

    /// Every file README links to or names under the repository's folders exists.
    @Test func readmeNamesOnlyFilesThatExist() throws {
        let readme = try String(contentsOfFile: Self.readme, encoding: .utf8)
        var paths = readme.matches(of: #/\]\(([^)#:]+)\)/#).map { String($0.output.1) }
        paths += readme.matches(of: #/`((?:examples|docs|schemas|scripts|sample-org)/[^`*<>\s]*)`/#).map { String($0.output.1) }
        #expect(paths.count > 10)
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: Repo.path(path)), "README.md names \(path), which the repository does not have")
        }
    }

    /// Each schema's `$id` is its own file name, a relative reference that resolves
    /// wherever schemas/ is copied (no domain that may not exist).
    @Test func schemaIDsAreRelative() throws {
        let folder = Repo.path("schemas")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".schema.json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(schema["$id"] as? String == file, "schemas/\(file)")
        }
    }
}

/// A fenced code block of a markdown file: its info string and the lines between its
/// fences (`start` and `end` are the fences' line indexes, from 0).
struct FencedBlock {
    var info: String
    var start: Int
    var end: Int
    var body: [String]

    static func all(in lines: [String]) -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        var open: (info: String, start: Int)?
        for (index, line) in lines.enumerated() where line.hasPrefix("```") {
            if let current = open {
                guard line == "```" else { continue }
                blocks.append(FencedBlock(info: current.info, start: current.start, end: index,
                                          body: Array(lines[current.start + 1..<index])))
                open = nil
            } else {
                open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), index)
            }
        }
        return blocks
    }
}

/// One `$ COMMAND` of a console block with the output written under it (1-based `line`).
struct Transcript {
    var line: Int
    var command: String
    var output: String

    static func all(in block: FencedBlock) -> [Transcript] {
        var found: [(line: Int, command: String, output: [String])] = []
        for (offset, line) in block.body.enumerated() {
            if line.hasPrefix("$ ") {
                // The blank line before the next command separates; it is no output.
                if let last = found.indices.last, found[last].output.last == "" { found[last].output.removeLast() }
                found.append((block.start + offset + 2, String(line.dropFirst(2)), []))
            } else if !found.isEmpty {
                found[found.count - 1].output.append(line)
            }
        }
        return found.map { Transcript(line: $0.line, command: $0.command, output: $0.output.map { $0 + "\n" }.joined()) }
    }
}
