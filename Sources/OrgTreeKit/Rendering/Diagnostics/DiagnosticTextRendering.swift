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
        // Each file is indexed by line once (diagnostics come sorted by file), so quoting
        // a line costs its length, never the file's.
        var indexed: (file: String, lines: SourceTexts.Lines?)?
        for d in report.diagnostics {
            let severity = d.severity == .error ? palette.red("error") : palette.yellow("warning")
            out += "\(palette.bold(T.escaped(d.location.description))): \(severity): \(palette.bold(T.escaped(d.message))) \(palette.dim("[\(d.rule.rawValue)]"))\n"
            if indexed?.file != d.location.file { indexed = (d.location.file, report.sources.lines(of: d.location.file)) }
            if d.omitted == 0, let line = indexed?.lines?.line(d.location.line) {
                let (shown, caret) = excerpt(of: line, column: d.location.column)
                let number = String(d.location.line)
                let gutter = String(repeating: " ", count: number.count)
                out += "\(palette.dim(" \(number) |")) \(shown)\n"
                out += "\(palette.dim(" \(gutter) |")) \(String(repeating: " ", count: caret))\(palette.green("^"))\n"
            }
            for note in d.notes {
                out += "  \(palette.cyan("note:")) \(T.escaped(note))\n"
            }
        }
        out += summary(report, palette: palette) + "\n"
        return out
    }

    /// A source line longer than this many characters is quoted around the column only.
    static let excerptWidth = 160

    /// The line to show, escaped (`TerminalText`), and how many columns precede the caret
    /// under `column` (1-based, in characters). A line over `excerptWidth` characters is
    /// cut to the `excerptWidth` around the column, with `…` where it was cut.
    static func excerpt(of line: String, column: Int) -> (shown: String, caret: Int) {
        typealias T = TerminalText
        let scalars = line.unicodeScalars
        let at = min(max(0, column - 1), scalars.count)
        guard scalars.count > excerptWidth else {
            let prefix = String(Substring(scalars.prefix(at)))
            return (T.escaped(line), T.escaped(prefix).count)
        }
        let from = max(0, min(at - excerptWidth / 2, scalars.count - excerptWidth))
        let to = min(scalars.count, from + excerptWidth)
        let start = scalars.index(scalars.startIndex, offsetBy: from)
        let caretIndex = scalars.index(start, offsetBy: at - from)
        let end = scalars.index(start, offsetBy: to - from)
        let lead = from > 0 ? "…" : ""
        let shown = lead + T.escaped(String(Substring(scalars[start..<end]))) + (to < scalars.count ? "…" : "")
        return (shown, lead.count + T.escaped(String(Substring(scalars[start..<caretIndex]))).count)
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
