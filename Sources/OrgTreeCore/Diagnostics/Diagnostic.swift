/// How bad a finding is. Errors fail `validate` (exit 1); warnings do not.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case error, warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// One finding about the tree, pointing at the exact spot that causes it.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var severity: Severity
    public var rule: RuleName
    public var location: SourceLocation
    public var message: String
    /// Further lines that help act on the finding (an explanation, a related place).
    public var notes: [String]
    /// How many diagnostics of this rule in this file this one stands for, beyond the first
    /// `DiagnosticCap.perRuleAndFile` (0 for an ordinary diagnostic; see `DiagnosticCap`).
    public var omitted: Int

    public init(_ rule: RuleName, _ message: String, at location: SourceLocation, notes: [String] = [], omitted: Int = 0) {
        self.severity = rule.severity
        self.rule = rule
        self.location = location
        self.message = message
        self.notes = notes
        self.omitted = omitted
    }

    /// How many findings this diagnostic counts for: 1, or the number it stands for.
    public var count: Int { omitted > 0 ? omitted : 1 }

    /// Stable order: file, line, column, then rule and message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
        return lhs.message < rhs.message
    }

    /// `FILE:LINE:COL: error|warning: MESSAGE [rule]`
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(rule.rawValue)]"
    }
}
