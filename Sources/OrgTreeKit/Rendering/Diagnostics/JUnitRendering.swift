import OrgTreeCore

/// `validate --format junit`: JUnit XML for CI test reports. One test suite per assertions
/// file, one test case per assertion (a `failure` whose message is the explanation when it
/// does not hold, an `error` when it could not be evaluated); then the suite `rules`: one
/// failed test case per error of the tree, and one passing test case for every other rule,
/// its warnings in `system-out`. Paths are as given on the command line, as in `github`.
public enum JUnitRendering {
    public static func render(_ report: ValidationReport) -> String {
        var suites: [Suite] = []
        var byFile: [String: Int] = [:]
        for outcome in report.assertions {
            let file = outcome.assertion.file
            if byFile[file] == nil {
                byFile[file] = suites.count
                suites.append(Suite(name: file, cases: []))
            }
            suites[byFile[file]!].cases.append(assertionCase(outcome, report))
        }
        suites.append(rulesSuite(report))

        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.count(.failure) }
        let errors = suites.reduce(0) { $0 + $1.count(.error) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(XMLText.attribute("orgtree validate \(report.root)"))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"0\">\n"
        for suite in suites { out += suite.xml }
        out += "</testsuites>\n"
        return out
    }

    struct Case {
        enum Outcome: String { case failure, error }
        var name: String
        var classname: String
        var file: String?
        var line: Int?
        /// A failure or error: its kind, message (the attribute) and text (the element's body).
        var problem: (outcome: Outcome, type: String, message: String, text: String)?
        var output: String?

        var xml: String {
            var out = "    <testcase name=\"\(XMLText.attribute(name))\" classname=\"\(XMLText.attribute(classname))\""
            if let file { out += " file=\"\(XMLText.attribute(file))\"" }
            if let line { out += " line=\"\(line)\"" }
            out += " time=\"0\""
            guard problem != nil || output != nil else { return out + "/>\n" }
            out += ">\n"
            if let problem {
                out += "      <\(problem.outcome.rawValue) message=\"\(XMLText.attribute(problem.message))\" type=\"\(XMLText.attribute(problem.type))\">"
                out += XMLText.content(problem.text) + "</\(problem.outcome.rawValue)>\n"
            }
            if let output { out += "      <system-out>\(XMLText.content(output))</system-out>\n" }
            return out + "    </testcase>\n"
        }
    }

    struct Suite {
        var name: String
        var cases: [Case]

        func count(_ outcome: Case.Outcome) -> Int { cases.count { $0.problem?.outcome == outcome } }

        var xml: String {
            var out = "  <testsuite name=\"\(XMLText.attribute(name))\" tests=\"\(cases.count)\" failures=\"\(count(.failure))\" errors=\"\(count(.error))\" skipped=\"0\" time=\"0\">\n"
            for c in cases { out += c.xml }
            return out + "  </testsuite>\n"
        }
    }

    /// `assertions/org.yaml` → `assertions.org`, as test reports group by class name.
    static func classname(_ file: String) -> String {
        (file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file).replacing("/", with: ".")
    }

    static func assertionCase(_ outcome: AssertionOutcome, _ report: ValidationReport) -> Case {
        let a = outcome.assertion
        var c = Case(name: outcome.claim, classname: classname(a.file), file: report.workspacePath(a.file), line: a.location.line)
        switch outcome.verdict {
        case .held:
            break
        case .failed(let d):
            c.problem = (.failure, d.rule.rawValue, d.message, text(d, report))
        case .invalid(let d):
            c.problem = (.error, d.rule.rawValue, d.message, text(d, report))
        case .unresolved:
            // The unknown-reference errors at the assertion's own names say what is missing.
            let places = [a.subject.location, a.capability.location] + [a.project?.location, a.environment?.location].compactMap { $0 }
            let found = report.diagnostics.filter { $0.severity == .error && places.contains($0.location) }
            let message = found.first.map { "not evaluated: \($0.message)" }
                ?? "not evaluated: it names a subject, project or environment the tree does not have"
            c.problem = (.error, found.first?.rule.rawValue ?? RuleName.unknownReference.rawValue, message,
                         found.isEmpty ? message : found.map { text($0, report) }.joined(separator: "\n"))
        }
        return c
    }

    /// The tree's rules in registry order; the assertions' own diagnostics are in their files' suites.
    static func rulesSuite(_ report: ValidationReport) -> Suite {
        let ofAssertions = Set(report.assertions.compactMap(\.diagnostic))
        var byRule: [RuleName: [Diagnostic]] = [:]
        for d in report.diagnostics where !ofAssertions.contains(d) { byRule[d.rule, default: []].append(d) }
        var cases: [Case] = []
        for rule in RuleRegistry.descriptions.map(\.name) where rule != .assertionFailed {
            let found = byRule[rule] ?? []
            if rule.severity == .error && !found.isEmpty {
                for d in found {
                    cases.append(Case(name: "\(rule.rawValue) \(d.location)", classname: "rules", file: report.workspacePath(d.location.file),
                                      line: d.location.line, problem: (.failure, rule.rawValue, d.message, text(d, report))))
                }
            } else {
                cases.append(Case(name: rule.rawValue, classname: "rules",
                                  output: found.isEmpty ? nil : found.map { text($0, report) }.joined(separator: "\n") + "\n"))
            }
        }
        return Suite(name: "rules", cases: cases)
    }

    /// `FILE:LINE:COL: error: MESSAGE [rule]` with the notes, paths as given on the command line.
    static func text(_ d: Diagnostic, _ report: ValidationReport) -> String {
        var d = d
        d.location.file = report.workspacePath(d.location.file)
        return ([d.description] + d.notes.map { "  note: \($0)" }).joined(separator: "\n")
    }
}
