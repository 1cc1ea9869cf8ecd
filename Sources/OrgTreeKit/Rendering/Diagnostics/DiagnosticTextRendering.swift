import OrgTreeCore

/// `validate` as text: compiler-style lines with the source line and a caret.
public enum DiagnosticTextRendering {
    /// `FILE:LINE:COL: error|warning: MESSAGE [rule]`, the source line with a caret, notes,
    /// and a summary line.
    /// Every piece taken from the tree (file name, message, source line, notes) goes
    /// through `TerminalText`: one diagnostic is always one line.
    public static func render(_ report: ValidationReport, palette: Palette) -> String {
        typealias T = TerminalText
        var out = ""
        for d in report.diagnostics {
            let severity = d.severity == .error ? palette.red("error") : palette.yellow("warning")
            out += "\(palette.bold(T.escaped(d.location.description))): \(severity): \(palette.bold(T.escaped(d.message))) \(palette.dim("[\(d.rule.rawValue)]"))\n"
            if let line = report.sources.line(d.location.line, of: d.location.file) {
                let number = String(d.location.line)
                let gutter = String(repeating: " ", count: number.count)
                let prefix = String(repeating: " ", count: T.escaped(String(line.prefix(max(0, d.location.column - 1)))).count)
                out += "\(palette.dim(" \(number) |")) \(T.escaped(String(line)))\n"
                out += "\(palette.dim(" \(gutter) |")) \(prefix)\(palette.green("^"))\n"
            }
            for note in d.notes {
                out += "  \(palette.cyan("note:")) \(T.escaped(note))\n"
            }
        }
        out += summary(report, palette: palette) + "\n"
        return out
    }

    public static func summary(_ report: ValidationReport, palette: Palette = .plain) -> String {
        let c = report.counts
        let root = TerminalText.escaped(report.root)
        let contents = "\(counted(c.files, "file")): " + [counted(c.people, "person", plural: "people"), counted(c.teams, "team"),
                                                           counted(c.projects, "project"), counted(c.tokens, "token"),
                                                           counted(c.agencies, "agency", plural: "agencies"),
                                                           counted(c.assertions, "assertion")].joined(separator: ", ")
        if report.errorCount == 0 {
            let warnings = report.warningCount == 0 ? "" : " with \(counted(report.warningCount, "warning"))"
            return palette.green("\(root) is valid\(warnings)") + " (\(contents))"
        }
        var parts = [counted(report.errorCount, "error")]
        if report.warningCount > 0 { parts.append(counted(report.warningCount, "warning")) }
        return palette.red("\(root) is not valid: \(parts.joined(separator: ", "))") + " (\(contents))"
    }

}
