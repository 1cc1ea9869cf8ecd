import Foundation
import OrgTreeCore

public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text, json, github, sarif
}

/// Renders a validation report in each output format.
public enum DiagnosticRendering {
    public static func render(_ report: ValidationReport, as format: DiagnosticFormat, palette: Palette = .plain) -> String {
        switch format {
        case .text: return text(report, palette: palette)
        case .json: return json(report)
        case .github: return github(report)
        case .sarif: return sarif(report)
        }
    }

    // MARK: text

    /// `FILE:LINE:COL: error|warning: MESSAGE [rule]`, the source line with a caret, notes,
    /// and a summary line.
    public static func text(_ report: ValidationReport, palette: Palette) -> String {
        var out = ""
        for d in report.diagnostics {
            let severity = d.severity == .error ? palette.red("error") : palette.yellow("warning")
            out += "\(palette.bold(d.location.description)): \(severity): \(palette.bold(d.message)) \(palette.dim("[\(d.rule.rawValue)]"))\n"
            if let line = report.sources.line(d.location.line, of: d.location.file) {
                let number = String(d.location.line)
                let gutter = String(repeating: " ", count: number.count)
                let prefix = line.prefix(max(0, d.location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
                out += "\(palette.dim(" \(number) |")) \(line)\n"
                out += "\(palette.dim(" \(gutter) |")) \(prefix)\(palette.green("^"))\n"
            }
            for note in d.notes {
                out += "  \(palette.cyan("note:")) \(note)\n"
            }
        }
        out += summary(report, palette: palette) + "\n"
        return out
    }

    public static func summary(_ report: ValidationReport, palette: Palette = .plain) -> String {
        let c = report.counts
        let contents = "\(c.files) files: \(c.people) people, \(c.teams) teams, \(c.projects) projects, \(c.tokens) tokens, \(c.agencies) agencies, \(c.assertions) assertions"
        if report.errorCount == 0 {
            let warnings = report.warningCount == 0 ? "" : " with \(plural(report.warningCount, "warning"))"
            return palette.green("\(report.root) is valid\(warnings)") + " (\(contents))"
        }
        var parts = [plural(report.errorCount, "error")]
        if report.warningCount > 0 { parts.append(plural(report.warningCount, "warning")) }
        return palette.red("\(report.root) is not valid: \(parts.joined(separator: ", "))") + " (\(contents))"
    }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }

    // MARK: json

    struct JSONDiagnostic: Codable {
        var severity: String
        var rule: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var notes: [String]?
    }

    struct JSONReport: Codable {
        var format_version = 1
        var tree: String
        var valid: Bool
        var errors: Int
        var warnings: Int
        var counts: TreeCounts
        var diagnostics: [JSONDiagnostic]
    }

    public static func json(_ report: ValidationReport) -> String {
        let body = JSONReport(
            tree: report.root, valid: report.errorCount == 0, errors: report.errorCount,
            warnings: report.warningCount, counts: report.counts,
            diagnostics: report.diagnostics.map {
                JSONDiagnostic(severity: $0.severity.rawValue, rule: $0.rule.rawValue, file: $0.location.file,
                               line: $0.location.line, column: $0.location.column, message: $0.message,
                               notes: $0.notes.isEmpty ? nil : $0.notes)
            })
        return encode(body)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: github

    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    public static func github(_ report: ValidationReport) -> String {
        var out = ""
        for d in report.diagnostics {
            let level = d.severity == .error ? "error" : "warning"
            let message = ([d.message] + d.notes).joined(separator: "\n")
            out += "::\(level) file=\(property(report.workspacePath(d.location.file))),line=\(d.location.line),col=\(d.location.column),title=\(property("orgtree \(d.rule.rawValue)"))::\(data(message))\n"
        }
        out += summary(report) + "\n"
        return out
    }

    private static func data(_ s: String) -> String {
        s.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    private static func property(_ s: String) -> String {
        data(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    // MARK: sarif

    public static func sarif(_ report: ValidationReport) -> String {
        let descriptions = RuleRegistry.descriptions
        let index = Dictionary(uniqueKeysWithValues: descriptions.enumerated().map { ($1.name, $0) })
        let rules: [[String: Any]] = descriptions.map { rule in
            [
                "id": rule.name.rawValue,
                "name": rule.name.rawValue,
                "shortDescription": ["text": rule.summary],
                "fullDescription": ["text": rule.summary + " " + rule.rationale],
                "help": ["text": rule.rationale],
                "defaultConfiguration": ["level": rule.severity == .error ? "error" : "warning"],
            ]
        }
        let results: [[String: Any]] = report.diagnostics.map { d in
            [
                "ruleId": d.rule.rawValue,
                "ruleIndex": index[d.rule] ?? 0,
                "level": d.severity == .error ? "error" : "warning",
                "message": ["text": ([d.message] + d.notes).joined(separator: "\n")],
                "locations": [[
                    "physicalLocation": [
                        "artifactLocation": ["uri": report.workspacePath(d.location.file), "uriBaseId": "%SRCROOT%"],
                        "region": ["startLine": d.location.line, "startColumn": d.location.column],
                    ],
                ]],
            ]
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "orgtree",
                    "version": OrgTreeVersion.current,
                    "informationUri": "https://orgtree.dev",
                    "rules": rules,
                ]],
                "columnKind": "unicodeCodePoints",
                "results": results,
            ]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
