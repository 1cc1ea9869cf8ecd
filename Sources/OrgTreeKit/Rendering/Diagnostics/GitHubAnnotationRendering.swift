import OrgTreeCore

/// `validate --format github`: workflow commands that GitHub Actions shows as annotations.
public enum GitHubAnnotationRendering {
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    public static func render(_ report: ValidationReport) -> String {
        var out = ""
        for d in report.diagnostics {
            let level = d.severity == .error ? "error" : "warning"
            // The notes are the annotation's further lines; a line break inside any piece is escaped.
            let message = ([d.message] + d.notes).map(TerminalText.escaped).joined(separator: "\n")
            out += "::\(level) file=\(property(report.workspacePath(d.location.file))),line=\(d.location.line),col=\(d.location.column),title=\(property("orgtree \(d.rule.rawValue)"))::\(data(message))\n"
        }
        out += DiagnosticTextRendering.summary(report) + "\n"
        return out
    }

    /// GitHub's escaping of a workflow command's message: `%`, CR and LF as `%25`, `%0D`, `%0A`.
    private static func data(_ s: String) -> String {
        s.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// A property (`file=`, `title=`) also escapes `:` and `,`; control characters are
    /// shown by `TerminalText` first, so a file name cannot end the command's line.
    private static func property(_ s: String) -> String {
        data(TerminalText.escaped(s)).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
