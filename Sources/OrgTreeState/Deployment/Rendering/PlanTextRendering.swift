import OrgTreeKit

/// `plan` as text: the report's sections, then the effective changes as `diff` shows them.
public enum PlanTextRendering {
    public static func render(_ report: DeploymentPlanReport, palette: Palette = .plain) -> String {
        var out = report.storeLine + "\n"
        if !report.drift.isEmpty {
            out += "\nChanged in the store outside orgtree (drift), \(report.drift.count):\n"
            for item in report.drift { out += "  \(item)\n" }
            if report.effectiveDrift { out += "Effective rows changed outside orgtree are written back by `apply --recompute-all` only.\n" }
        }
        if let summary = report.summaryLine {
            out += "\nApply would write revision \(report.plan.plan.baseRevision + 1):\n"
            for line in report.changeLines { out += line + "\n" }
            out += "\n\(summary)\n"
        } else {
            out += "\nNo changes. The store matches the tree.\n"
        }
        if !report.effectiveChanges.diff.changes.isEmpty {
            out += "\nEffective changes:\n" + DiffTextRendering.render(report.effectiveChanges, palette: palette)
        }
        return out
    }
}
