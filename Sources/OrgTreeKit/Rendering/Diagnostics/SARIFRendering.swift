import OrgTreeCore

/// `validate --format sarif`: a SARIF 2.1.0 log for code scanning.
public enum SARIFRendering {
    public static func render(_ report: ValidationReport) -> String {
        let descriptions = RuleRegistry.descriptions
        let index = Dictionary(uniqueKeysWithValues: descriptions.enumerated().map { ($1.name, $0) })
        let rules: [JSONValue] = descriptions.map { rule in
            [
                "id": .string(rule.name.rawValue),
                "name": .string(rule.name.rawValue),
                "shortDescription": ["text": .string(rule.summary)],
                "fullDescription": ["text": .string(rule.summary + " " + rule.rationale)],
                "help": ["text": .string(rule.rationale)],
                "defaultConfiguration": ["level": .string(rule.severity == .error ? "error" : "warning")],
            ]
        }
        let results: [JSONValue] = report.diagnostics.map { d in
            var result: [String: JSONValue] = [
                "ruleId": .string(d.rule.rawValue),
                "ruleIndex": .int(index[d.rule] ?? 0),
                "level": .string(d.severity == .error ? "error" : "warning"),
                "message": ["text": .string(([d.message] + d.notes).joined(separator: "\n"))],
                "locations": [[
                    "physicalLocation": [
                        "artifactLocation": ["uri": .string(report.workspacePath(d.location.file)), "uriBaseId": "%SRCROOT%"],
                        "region": ["startLine": .int(d.location.line), "startColumn": .int(d.location.column)],
                    ],
                ]],
            ]
            // A capped diagnostic (`DiagnosticCap`): how many results it stands for.
            if d.omitted > 0 { result["properties"] = ["omitted": .int(d.omitted)] }
            return .object(result)
        }
        let log: JSONValue = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "orgtree",
                    "version": .string(OrgTreeVersion.current),
                    "rules": .array(rules),
                ]],
                "columnKind": "unicodeCodePoints",
                "results": .array(results),
            ]],
        ]
        return log.document()
    }
}
