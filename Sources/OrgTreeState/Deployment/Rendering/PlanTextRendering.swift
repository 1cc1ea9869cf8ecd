import OrgTreeCore
import OrgTreeKit

/// `plan` as text: the report's sections, then the effective changes as `diff` shows them.
/// Every line from the tree or the store goes through `t` (`TerminalText`).
public enum PlanTextRendering {
    private static func t(_ value: some Any) -> String { TerminalText.escaped(describing: value) }

    public static func render(_ report: DeploymentPlanReport, palette: Palette = .plain) -> String {
        var out = ""
        render(report, palette: palette) { out += $0 }
        return out
    }

    /// Streams the plan, a section (or a subject of the effective changes) at a time, so
    /// that a large plan is never held whole in memory.
    public static func render(_ report: DeploymentPlanReport, palette: Palette = .plain, emit: (String) -> Void) {
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
        guard !report.effectiveChanges.diff.changes.isEmpty else { return emit(out) }
        emit(out + "\nEffective changes:\n")
        DiffTextRendering.render(report.effectiveChanges, palette: palette, emit: emit)
    }
}
