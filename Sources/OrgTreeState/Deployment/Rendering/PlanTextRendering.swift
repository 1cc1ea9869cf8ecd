import OrgTreeCore
import OrgTreeKit

/// `plan` as text: the report's sections, then the effective changes as `diff` shows them.
/// Every line from the tree or the store goes through `t` (`TerminalText`).
public enum PlanTextRendering {
    private static func t(_ value: some Any) -> String { TerminalText.escaped(describing: value) }

    public static func render(_ report: DeploymentPlanReport, palette: Palette = .plain) -> String {
        var out = t(report.storeLine) + "\n"
        if !report.drift.isEmpty {
            out += "\n\(t(report.driftTitle))\n"
            for item in report.drift { out += "  \(t(item))\n" }
            if let note = report.driftNote { out += t(note) + "\n" }
        }
        if let summary = report.summaryLine {
            out += "\n\(t(report.changesTitle))\n"
            for line in report.changeLines { out += t(line) + "\n" }
            out += "\n\(t(summary))\n"
        } else {
            out += "\n\(t(report.noChanges))\n"
        }
        if !report.effectiveChanges.diff.changes.isEmpty {
            out += "\nEffective changes:\n" + DiffTextRendering.render(report.effectiveChanges, palette: palette)
        }
        return out
    }
}
