import OrgTreeCore

extension JSONValue {
    /// A diagnostic: `{"severity", "rule", "file", "line", "column", "message", "notes"?, "omitted"?}`;
    /// `omitted` is how many diagnostics of the rule in the file it stands for (`DiagnosticCap`).
    public static func diagnostic(_ d: Diagnostic) -> JSONValue {
        var object: [String: JSONValue] = [
            "severity": .string(d.severity.rawValue), "rule": .string(d.rule.rawValue), "file": .string(d.location.file),
            "line": .int(d.location.line), "column": .int(d.location.column), "message": .string(d.message),
        ]
        if !d.notes.isEmpty { object["notes"] = .strings(d.notes) }
        if d.omitted > 0 { object["omitted"] = .int(d.omitted) }
        return .object(object)
    }
}
