import OrgTreeCore

extension JSONValue {
    /// A diagnostic: `{"severity", "rule", "file", "line", "column", "message", "notes"?}`.
    public static func diagnostic(_ d: Diagnostic) -> JSONValue {
        var object: [String: JSONValue] = [
            "severity": .string(d.severity.rawValue), "rule": .string(d.rule.rawValue), "file": .string(d.location.file),
            "line": .int(d.location.line), "column": .int(d.location.column), "message": .string(d.message),
        ]
        if !d.notes.isEmpty { object["notes"] = .strings(d.notes) }
        return .object(object)
    }
}
