import OrgTreeCore

/// `validate` as text: compiler-style lines with the source line and a caret.
public enum DiagnosticTextRendering {
    /// `FILE:LINE:COL: error|warning: MESSAGE [rule]`, the source line with a caret, notes,
    /// and a summary line.
    public static func render(_ report: ValidationReport, palette: Palette) -> String {
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
        let contents = "\(counted(c.files, "file")): " + [counted(c.people, "person", plural: "people"), counted(c.teams, "team"),
                                                           counted(c.projects, "project"), counted(c.tokens, "token"),
                                                           counted(c.agencies, "agency", plural: "agencies"),
                                                           counted(c.assertions, "assertion")].joined(separator: ", ")
        if report.errorCount == 0 {
            let warnings = report.warningCount == 0 ? "" : " with \(counted(report.warningCount, "warning"))"
            return palette.green("\(report.root) is valid\(warnings)") + " (\(contents))"
        }
        var parts = [counted(report.errorCount, "error")]
        if report.warningCount > 0 { parts.append(counted(report.warningCount, "warning")) }
        return palette.red("\(report.root) is not valid: \(parts.joined(separator: ", "))") + " (\(contents))"
    }

}
