import OrgTreeCore

public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text, json, github, sarif, junit
}

/// A validation report in each output format.
public enum DiagnosticRendering {
    public static func render(_ report: ValidationReport, as format: DiagnosticFormat, palette: Palette = .plain) -> String {
        switch format {
        case .text: return DiagnosticTextRendering.render(report, palette: palette)
        case .json: return DiagnosticJSONRendering.render(report)
        case .github: return GitHubAnnotationRendering.render(report)
        case .sarif: return SARIFRendering.render(report)
        case .junit: return JUnitRendering.render(report)
        }
    }
}
