import OrgTreeCore

/// `diff` as markdown for a pull-request comment: the marker a bot finds its comment by,
/// the summary with a risk table, then the report's sections (tables for the actor's and
/// the high-risk changes, folded details for the rest), within GitHub's size limit.
public enum DiffMarkdownRendering {
    typealias W = DiffWording

    /// The first line of every markdown report: a bot finds its one comment by it.
    public static let marker = "<!-- orgtree-diff -->"

    /// GitHub refuses comments over 65,536 characters; details stop before that.
    static let markdownBudget = 60_000

    static func escape(_ s: String) -> String { MarkdownText.escape(s) }

    static func code(_ s: String) -> String { MarkdownText.code(s) }

    static func badge(_ risk: DiffRisk) -> String {
        switch risk {
        case .high: return "🔴 high"
        case .medium: return "🟠 medium"
        case .low: return "🟢 low"
        }
    }

    static func markdownChain(_ chain: Provenance) -> String {
        let steps = chain.steps.map { "\(code(chain.inStore ? $0.location.file : $0.location.fileAndLine)) \(escape($0.text))" }
        return (chain.inStore ? "(in the store) " : "") + steps.joined(separator: " → ")
    }

    /// NEW's failing assertions: a heading and one item per assertion, with its notes,
    /// followed by `then`; nothing when there are none.
    static func failing(_ diagnostics: [Diagnostic], then: String = "") -> String {
        guard !diagnostics.isEmpty else { return "" }
        var text = "### ❌ Failing assertions in NEW (\(diagnostics.count))\n\nThe change breaks these access tests; its effect is shown below for review.\n\n"
        for d in diagnostics {
            text += "- \(code(d.location.description)) \(escape(d.message))\n"
            for note in d.notes { text += "  - \(escape(note))\n" }
        }
        return text + then
    }

    /// The high-risk changes' access paths as a folded Mermaid graph: NEW's chains of what
    /// is gained, OLD's (dashed) of what is lost; a note when the graph is cut.
    static func highRiskGraph(_ graph: DiffGraph) -> String {
        var text = "\n<details>\n<summary>Access paths of the high-risk changes (graph: gained from NEW, lost from OLD, dashed)</summary>\n\n"
        let lines = GraphMermaidRendering.render(graph.graph).split(separator: "\n").map(String.init)
        text += MarkdownText.codeBlock(lines, language: "mermaid")
        if graph.isCut {
            text += "\n_The graph draws \(graph.drawn) of \(graph.total) high-risk changes (counted once a project) and leaves out the rest: "
                + "it stops at \(DiffGraph.maxNodes) nodes. `orgtree graph --subject SUBJECT` on either tree draws a subject whole._\n"
        }
        return text + "\n</details>\n"
    }

    /// `marker: false` leaves the marker out (the diff inside a plan's comment).
    public static func render(_ report: DiffReport, marker: Bool = true) -> String {
        let (diff, header) = (report.diff, report.header)
        var out = (marker ? "\(Self.marker)\n" : "") + "## orgtree diff\n\n\(code(header.old)) → \(code(header.new)) · evaluated on \(header.day)\n\n"
        guard !diff.isEmpty else {
            return out + failing(report.failingAssertions, then: "\n") + "✅ **No changes**: both trees describe the same organization and the same access.\n"
        }
        let s = diff.summary
        out += "**\(escape(report.summaryLine))**\n\n| risk | changes |\n| :-- | --: |\n"
        for risk in DiffRisk.allCases.reversed() {
            out += "| \(badge(risk)) | \([s.low, s.medium, s.high][risk.rawValue]) |\n"
        }
        func row(_ change: DiffChange, reason: String) -> String {
            "| \(code(W.about(change))) | \(escape(W.title(change))) | \(escape(reason)) | \(escape(W.approvers(change))) |\n"
        }
        let tableLimit = 50
        func table(_ changes: [DiffChange], reason: (DiffChange) -> String) {
            out += "| subject | change | why | approve |\n| --- | --- | --- | --- |\n"
            for change in changes.prefix(tableLimit) { out += row(change, reason: reason(change)) }
            if changes.count > tableLimit { out += "\n_… and \(changes.count - tableLimit) more._\n" }
        }
        func item(_ change: DiffChange) -> String {
            var text = "- \(change.risk == .low ? "" : badge(change.risk) + " ")\(escape(W.title(change))) — approve: \(escape(W.approvers(change)))\n"
            if let flag = change.actorFlag { text += "  - ⚠️ \(escape(flag))\n" }
            if let note = change.approval?.note { text += "  - ⛔ \(escape(note))\n" }
            for (label, chain) in W.chains(change, limit: W.projectsShown) { text += "  - \(escape(label)) \(markdownChain(chain))\n" }
            let more = W.projectCount(change) - W.projectsShown
            if more > 0 { text += "  - … and \(W.plural(more, "more project", "more projects"))\n" }
            return text
        }
        var truncated = false
        /// Appends a folded section, rendering its pieces only while they fit; false once
        /// the size budget is spent.
        func folded(_ summary: String, count: Int, _ piece: (Int) -> String) -> Bool {
            guard count > 0 else { return true }
            out += "\n<details>\n<summary>\(summary)</summary>\n\n"
            defer { out += "\n</details>\n" }
            for i in 0..<count {
                let text = piece(i)
                if out.utf8.count + text.utf8.count > markdownBudget { return false }
                out += text
            }
            return true
        }
        for section in report.sections where !truncated {
            switch section {
            case .failingAssertions(let diagnostics):
                out += "\n" + failing(diagnostics)
            case .actorFlagged(let actor, let flagged):
                out += "\n### ⚠️ Changes \(code(actor.description)) may not make alone (\(flagged.count))\n\n"
                if flagged.isEmpty {
                    out += "\(code(actor.description)) may make every change alone.\n"
                } else {
                    table(flagged) { $0.actorFlag ?? "" }
                }
            case .unapproved(let approval, let changes):
                let names = approval.approvers.map { code($0.description) } + approval.unknown.map(code)
                let by = names.isEmpty ? "" : " by " + names.joined(separator: ", ")
                if changes.isEmpty {
                    out += "\n### ✅ Every change is approved\(by)\n\n"
                } else {
                    out += "\n### ⛔ Changes not approved\(by) (\(changes.count))\n\n"
                }
                if !approval.standings.isEmpty { out += escape(approval.standings.joined(separator: "; ")) + ".\n" }
                if !changes.isEmpty {
                    out += approval.standings.isEmpty ? "" : "\n"
                    table(changes) { $0.approval?.note ?? "" }
                }
            case .highRisk(let high):
                out += "\n### 🔴 High-risk changes (\(high.count))\n\n"
                table(high) { $0.riskReasons.joined(separator: "; ") }
                if let graph = report.highRiskGraph { out += highRiskGraph(graph) }
            case .subjects(let groups):
                truncated = !folded("Access changes by subject (\(groups.count))", count: groups.count) { i in
                    let group = groups[i]
                    return "\n**\(code(group.subject.description))**" + (group.renamedFrom.map { " (renamed from \(code($0.description)))" } ?? "")
                        + "\n\n" + group.changes.map(item).joined()
                }
            case .defaultRoles(let defaults):
                truncated = !folded("Default roles (\(defaults.count))", count: defaults.count) { item(defaults[$0]) }
            case .entities(let entities):
                truncated = !folded("Entity changes (\(entities.count))", count: entities.count) { item(entities[$0]) }
            }
        }
        if truncated {
            out += "\n_The comment is cut short to stay within GitHub's size limit; run `orgtree diff` (or `--format json`) for every change._\n"
        }
        return out
    }
}
