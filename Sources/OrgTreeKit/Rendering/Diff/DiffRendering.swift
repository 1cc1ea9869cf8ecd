import OrgTreeCore

/// `orgtree diff` in each format: the report's sections are computed once
/// (`DiffReport`) and shown by the text, markdown and JSON renderers.
public enum DiffRendering {
    public static func render(_ diff: TreeDiff, _ header: DiffHeader, as format: DiffFormat, palette: Palette = .plain,
                              failingAssertions: [Diagnostic] = []) -> String {
        var out = ""
        render(diff, header, as: format, palette: palette, failingAssertions: failingAssertions) { out += $0 }
        return out
    }

    /// Streams the report: `emit` is called with successive pieces, so a large report is
    /// never held whole in memory (markdown is bounded in size anyway). `failingAssertions`:
    /// NEW's failing assertions, shown first.
    public static func render(_ diff: TreeDiff, _ header: DiffHeader, as format: DiffFormat, palette: Palette = .plain,
                              failingAssertions: [Diagnostic] = [], emit: (String) -> Void) {
        let report = DiffReport(diff, header, failingAssertions: failingAssertions)
        switch format {
        case .text: DiffTextRendering.render(report, palette: palette, emit: emit)
        case .markdown: emit(DiffMarkdownRendering.render(report))
        case .json: DiffJSONRendering.render(report, emit: emit)
        }
    }

    /// What `diff` shows when NEW does not validate: NEW's report (in markdown, inside a
    /// comment that says so).
    public static func newInvalid(_ report: ValidationReport, new: String, as format: DiffFormat, palette: Palette = .plain) -> String {
        switch format {
        case .text: return DiagnosticRendering.render(report, as: .text, palette: palette)
        case .json: return DiagnosticRendering.render(report, as: .json)
        case .markdown:
            var text = DiagnosticRendering.render(report, as: .text)
            if text.hasSuffix("\n") { text.removeLast() }
            return "\(DiffMarkdownRendering.marker)\n## orgtree diff\n\n❌ **\(MarkdownText.escape(new)) does not validate**; fix it before its access changes can be shown.\n\n"
                + MarkdownText.codeBlock(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }
}
