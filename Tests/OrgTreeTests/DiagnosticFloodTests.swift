import Foundation
import Testing
@testable import OrgTreeCore
@testable import OrgTreeKit

/// A file that holds thousands of the same mistake: at most `DiagnosticCap.perRuleAndFile`
/// diagnostics of a rule in a file, one that counts the rest, and text output in time
/// linear in the file.
@Suite("Diagnostic floods")
struct DiagnosticFloodTests {
    /// A team listing bob `count + 1` times on one line: `count` duplicates.
    static func duplicates(_ count: Int) -> String {
        "name: Support\nmembers: [" + Array(repeating: "bob", count: count + 1).joined(separator: ", ") + "]\n"
    }

    /// Bob's file with `count` keys a person does not have.
    static func unknownKeys(_ count: Int) -> String {
        "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"
            + (0..<count).map { "k\(String($0, radix: 16)): 1\n" }.joined()
    }

    @Test(.timeLimit(.minutes(5)))
    func twentyThousandDuplicatesOnOneLine() throws {
        let tree = TemporaryFolder()
        tree.writeTree(["teams/support.yaml": Self.duplicates(20_000)])
        let result = try runOrgtree(["validate", tree.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        let diagnostics = lines.filter { $0.hasPrefix("teams/support.yaml:2:") }
        #expect(diagnostics.count == DiagnosticCap.perRuleAndFile + 1)
        let cap = try #require(diagnostics.last)
        #expect(cap.contains("… and 19900 more duplicate-key in teams/support.yaml"))
        #expect(result.stdout.contains("is not valid: 20000 errors"))
        // Each quoted line is cut around its column: the output grows with the diagnostics, not with the line.
        #expect(lines.allSatisfy { $0.unicodeScalars.count < 400 })
        #expect(result.stdout.count < 100_000)
    }

    @Test(.timeLimit(.minutes(5)))
    func twoHundredThousandKeysInOneFile() throws {
        let tree = TemporaryFolder()
        tree.writeTree(["people/bob.yaml": Self.unknownKeys(200_000)])
        let checked = try CheckedTree.read(folder: tree.path, at: exampleDay)
        let report = checked.report
        #expect(report.errorCount == 200_000)

        let text = DiagnosticRendering.render(report, as: .text)
        let diagnostics = text.split(separator: "\n").filter { $0.contains("people/bob.yaml:") }
        #expect(diagnostics.count == DiagnosticCap.perRuleAndFile + 1)
        #expect(diagnostics.last?.hasPrefix("people/bob.yaml:105:1: error: … and 199900 more unknown-key in people/bob.yaml") == true)
        #expect(text.contains("is not valid: 200000 errors"))

        let json = DiagnosticRendering.render(report, as: .json)
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 200_000)
        let list = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(list.count == DiagnosticCap.perRuleAndFile + 1)
        #expect(list.last?["omitted"] as? Int == 199_900)
        #expect(list.dropLast().allSatisfy { $0["omitted"] == nil })

        let sarif = DiagnosticRendering.render(report, as: .sarif)
        let log = try #require(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.count == DiagnosticCap.perRuleAndFile + 1)
        #expect((results.last?["properties"] as? [String: Any])?["omitted"] as? Int == 199_900)
    }

    @Test func capKeepsEachRuleAndFileApart() {
        let a = (1...3).map { Diagnostic(.unknownKey, "k\($0)", at: SourceLocation(file: "a.yaml", line: $0, column: 1)) }
        let b = (1...3).map { Diagnostic(.duplicateKey, "d\($0)", at: SourceLocation(file: "a.yaml", line: $0, column: 2)) }
        let c = [Diagnostic(.unknownKey, "k", at: SourceLocation(file: "b.yaml", line: 1, column: 1))]
        let capped = DiagnosticCap.apply((a + b + c).sorted(), limit: 2)
        #expect(capped.map(\.omitted) == [0, 0, 0, 0, 1, 1, 0])
        #expect(capped.map(\.count).reduce(0, +) == 7)
        #expect(capped.filter { $0.omitted > 0 }.map(\.message) == [
            "… and 1 more unknown-key in a.yaml (only the first 2 of a rule are listed per file; fix those and validate again)",
            "… and 1 more duplicate-key in a.yaml (only the first 2 of a rule are listed per file; fix those and validate again)",
        ])
    }

    @Test func longLineIsQuotedAroundTheColumn() {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let (shown, caret) = DiagnosticTextRendering.excerpt(of: line, column: 1001)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(Array(shown)[caret] == "X")
        let short = DiagnosticTextRendering.excerpt(of: "key: \u{202E}x", column: 6)
        #expect(short.shown == "key: \\u{202E}x")
        #expect(short.caret == 5)
    }
}
