import OrgTreeKit

/// `plan` as markdown for a pull-request comment: the marker a bot finds its comment by,
/// the report's sections with the row changes in code blocks, then the effective changes
/// as `diff --format markdown` shows them.
public enum PlanMarkdownRendering {
    /// The first line of every markdown plan.
    public static let marker = "<!-- orgtree-plan -->"

    public static func render(_ report: DeploymentPlanReport) -> String {
        var out = "\(marker)\n### orgtree plan for \(MarkdownText.code("\(report.plan.store)"))\n\n" + MarkdownText.escape(report.storeLine) + "\n"
        if !report.drift.isEmpty {
            out += "\n#### \(report.driftTitle)\n" + MarkdownText.codeBlock(report.drift.map { "  \($0)" })
            if let note = report.driftNote { out += note + "\n" }
        }
        if let summary = report.summaryLine {
            out += "\n#### \(report.changesTitle)\n" + MarkdownText.codeBlock(report.changeLines) + "\n\(summary)\n"
        } else {
            out += "\n\(report.noChanges)\n"
        }
        return out + "\n" + DiffMarkdownRendering.render(report.effectiveChanges, marker: false)
    }
}
