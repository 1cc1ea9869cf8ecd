import OrgTreeKit

/// `plan` as text: the report's sections, then the effective changes as `diff` shows them.
public enum PlanTextRendering {
    public static func render(_ report: DeploymentPlanReport, palette: Palette = .plain) -> String {
        var out = report.storeLine + "\n"
        if !report.drift.isEmpty {
            out += "\n\(report.driftTitle)\n"
            for item in report.drift { out += "  \(item)\n" }
            if let note = report.driftNote { out += note + "\n" }
        }
        if let summary = report.summaryLine {
            out += "\n\(report.changesTitle)\n"
            for line in report.changeLines { out += line + "\n" }
            out += "\n\(summary)\n"
        } else {
            out += "\n\(report.noChanges)\n"
        }
        if !report.effectiveChanges.diff.changes.isEmpty {
            out += "\nEffective changes:\n" + DiffTextRendering.render(report.effectiveChanges, palette: palette)
        }
        return out
    }
}
