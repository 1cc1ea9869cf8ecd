import Foundation
import OrgTreeCore
import OrgTreeKit
import Testing

/// `validate --format junit`, read back by an independent JUnit reader (junitparser, run by
/// scripts/check-junit.py in a venv that .ci/run makes: `ORGTREE_TEST_JUNIT_PYTHON` names
/// its python), and compared with the engine's own view of the tree.
@Suite("JUnit output")
struct JUnitTests {
    static let python = ProcessInfo.processInfo.environment["ORGTREE_TEST_JUNIT_PYTHON"]

    @Test func xmlTextEscapesMarkupAndDropsWhatXMLCannotHold() {
        let awkward = "a<b>&c \"q\" 'a'\tt\nn\r\u{1}\u{1F}\u{FFFE}é🙂]]>"
        #expect(XMLText.content(awkward) == "a&lt;b&gt;&amp;c \"q\" 'a'\tt\nn&#13;\u{FFFD}\u{FFFD}\u{FFFD}é🙂]]&gt;")
        #expect(XMLText.attribute(awkward) == "a&lt;b&gt;&amp;c &quot;q&quot; &apos;a&apos;&#9;t&#10;n&#13;\u{FFFD}\u{FFFD}\u{FFFD}é🙂]]&gt;")
        #expect(XMLText.attribute("plain text") == "plain text")
    }

    /// The outcome of every assertion is computed once: the rule's diagnostics are the
    /// failing outcomes', and the outcomes cover the assertions that hold too.
    @Test func assertionOutcomesCoverEveryAssertion() throws {
        let result = validate(["assertions/a.yaml": "- can: ann\n  do: billing.manage\n- can: bob\n  do: billing.manage\n- can: nobody\n  do: org.read\n- can: ann\n  do: org.read\n  env: staging\n"])
        let verdicts = result.assertionOutcomes.all.map { outcome -> String in
            switch outcome.verdict {
            case .held: "held"
            case .failed: "failed"
            case .invalid: "invalid"
            case .unresolved: "unresolved"
            }
        }
        #expect(verdicts == ["held", "failed", "unresolved", "invalid"])
        #expect(result.assertionOutcomes.all.map(\.claim) == ["ann can billing.manage", "bob can billing.manage", "nobody can org.read", "ann can org.read in staging"])
        #expect(result.diagnostics.filter { $0.rule == .assertionFailed } == result.assertionOutcomes.diagnostics.filter { $0.rule == .assertionFailed })
    }

    /// A tree where an assertion fails: its test case carries the explanation.
    @Test func failingAssertionGolden() throws {
        let trees = try GoldenOutputTests.Trees()
        let r = trees.root
        try GoldenOutputTests.run("validate-failing-junit", ["validate", r + "/failing-org", "--format", "junit", "--at", GoldenOutputTests.day], in: r)
    }

    /// A copy of sample-org where one assertion fails, one names a person the tree lacks,
    /// and an unknown key with markup characters and a tab makes an error of the tree.
    @Test(.enabled(if: JUnitTests.python != nil, "ORGTREE_TEST_JUNIT_PYTHON names no python with junitparser"))
    func junitparserReadsWhatTheEngineFound() throws {
        let folder = TemporaryFolder()
        let tree = folder.path + "/org"
        try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: tree)
        try GoldenOutputTests.Trees.edit(tree + "/projects/helpdesk/project.yaml") { $0.replacingOccurrences(of: "tier2: editor", with: "tier2: reader") }
        try GoldenOutputTests.Trees.edit(tree + "/assertions/org.yaml") { $0 + "- can: nobody\n  do: org.read\n" }
        try GoldenOutputTests.Trees.edit(tree + "/people/pia.yaml") { $0 + "\"<x> & \\\"y\\\"\\t'z'\": 1\n" }

        let run = orgtreeInProcess(["validate", tree, "--format", "junit", "--at", GoldenOutputTests.day])
        #expect(run.status == 1)
        let file = folder.path + "/junit.xml"
        try run.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let read = try runProcess(try #require(Self.python), [Repo.path("scripts/check-junit.py"), file])
        #expect(read.status == 0, "\(read.stdout)\(read.stderr)")
        let report = try JSONDecoder().decode(ParsedReport.self, from: Data(read.stdout.utf8))
        #expect(report.problems.isEmpty)

        let checked = try CheckedTree.read(folder: tree, at: Day(GoldenOutputTests.day)!)
        let outcomes = checked.result.assertionOutcomes.all
        // One suite per assertions file, in order, then the rules.
        var files: [String] = []
        for o in outcomes where files.last != o.assertion.file { files.append(o.assertion.file) }
        #expect(report.suites.map(\.name) == files + ["rules"])
        let cases = report.suites.dropLast().flatMap(\.cases)
        #expect(cases.count == outcomes.count && cases.count == checked.report.counts.assertions)
        for (c, outcome) in zip(cases, outcomes) {
            #expect(c.name == outcome.claim)
            #expect(c.file == tree + "/" + outcome.assertion.file && c.line == outcome.assertion.location.line)
            switch outcome.verdict {
            case .held: #expect(c.result == "passed", "\(c.name)")
            case .failed(let d): #expect(c.result == "failure" && c.message == d.message && c.type == "assertion-failed", "\(c.name)")
            case .invalid(let d): #expect(c.result == "error" && c.message == d.message, "\(c.name)")
            case .unresolved: #expect(c.result == "error" && c.message == "not evaluated: the assertion names 'nobody', but there is no people/nobody.yaml", "\(c.name)")
            }
        }
        #expect(cases.filter { $0.result == "failure" }.map(\.name) == ["kai can content.write on helpdesk"])

        // The rules: one failure per error of the tree (the awkward key's message read back
        // exactly), a passing case for every other rule but assertion-failed.
        let rules = try #require(report.suites.last)
        let errors = checked.result.errors.filter { $0.rule != .assertionFailed }
        #expect(rules.cases.filter { $0.result == "failure" }.compactMap(\.message).sorted() == errors.map(\.message).sorted())
        #expect(errors.contains { $0.message.contains("'<x> & \"y\"\t'z''") })
        let failingRules = Set(errors.map(\.rule))
        #expect(rules.cases.filter { $0.result == "passed" }.map(\.name)
                == RuleRegistry.descriptions.map(\.name).filter { $0 != .assertionFailed && !failingRules.contains($0) }.map(\.rawValue))
        #expect(rules.tests == rules.cases.count && rules.failures == errors.count && rules.errors == 0)
    }

    struct ParsedReport: Decodable {
        var suites: [ParsedSuite]
        var problems: [String]
    }

    struct ParsedSuite: Decodable {
        var name: String
        var tests: Int
        var failures: Int
        var errors: Int
        var cases: [ParsedCase]
    }

    struct ParsedCase: Decodable {
        var name: String
        var classname: String?
        var file: String?
        var line: Int?
        var result: String
        var type: String?
        var message: String?
        var text: String?
        var system_out: String?
    }
}
