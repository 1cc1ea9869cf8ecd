import OrgTreeCore

/// `validate --format json` (`format_version` 2, documented in README.md; 1 wrote
/// `counts.agencyPeople`).
public enum DiagnosticJSONRendering {
    public static func render(_ report: ValidationReport) -> String {
        let c = report.counts
        let document: JSONValue = [
            "format_version": 2,
            "tree": .string(report.root),
            "valid": .bool(report.errorCount == 0),
            "errors": .int(report.errorCount),
            "warnings": .int(report.warningCount),
            "counts": [
                "files": .int(c.files), "people": .int(c.people), "agency_people": .int(c.agencyPeople), "teams": .int(c.teams),
                "projects": .int(c.projects), "tokens": .int(c.tokens), "agencies": .int(c.agencies), "assertions": .int(c.assertions),
            ],
            "diagnostics": .array(report.diagnostics.map(JSONValue.diagnostic)),
        ]
        return document.document()
    }
}
