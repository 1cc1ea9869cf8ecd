import OrgTreeCore

/// `diff` as text for terminals: the header, each section of the report, the summary.
/// Every piece of wording taken from the trees goes through `t` (`TerminalText`) before it
/// is coloured: no control character of a name or a file reaches the terminal.
public enum DiffTextRendering {
    typealias W = DiffWording

    private static func t(_ value: some Any) -> String { TerminalText.escaped(describing: value) }

    public static func render(_ report: DiffReport, palette: Palette) -> String {
        var out = ""
        render(report, palette: palette) { out += $0 }
        return out
    }

    /// Streams the report, a section (or a subject) at a time.
    public static func render(_ report: DiffReport, palette: Palette, emit: (String) -> Void) {
        let header = report.header
        emit("\(palette.bold("orgtree diff")) \(t(header.old)) → \(t(header.new)) (evaluated on \(header.day))\n")
        guard !report.diff.isEmpty else {
            emit(failing(report.failingAssertions, palette: palette))
            emit("\n" + palette.green("no changes") + ": OLD and NEW describe the same organization and the same access\n")
            return
        }
        for section in report.sections {
            switch section {
            case .failingAssertions(let diagnostics):
                emit(failing(diagnostics, palette: palette))
            case .actorFlagged(let actor, let flagged):
                emit("\n" + palette.bold(flagged.isEmpty ? "\(t(actor)) may make every change alone" : "Changes \(t(actor)) may not make alone (\(flagged.count))") + "\n")
                for change in flagged {
                    emit(lines(change, indent: "  ", prefix: change.subject == nil || change.isEntity ? "" : "\(t(W.about(change))): ", palette: palette))
                }
            case .unapproved(let approval, let changes):
                let by = approval.names.isEmpty ? "" : " by \(t(approval.names))"
                emit("\n" + palette.bold(changes.isEmpty ? "Every change is approved\(by)" : "Changes not approved\(by) (\(changes.count))") + "\n")
                if !approval.standings.isEmpty { emit("  " + palette.dim(t(approval.standings.joined(separator: "; "))) + "\n") }
                for change in changes {
                    emit(lines(change, indent: "  ", prefix: change.subject == nil || change.isEntity ? "" : "\(t(W.about(change))): ", palette: palette))
                }
            case .highRisk(let changes):
                emit("\n" + palette.bold("High-risk changes (\(changes.count))") + "\n")
                for change in changes {
                    emit("  \(palette.red("!")) \(t(W.about(change))): \(t(W.title(change)))  \(palette.red("[\(t(change.riskReasons.joined(separator: "; ")))]"))\n")
                }
            case .subjects(let groups):
                emit("\n" + palette.bold("Access by subject (\(groups.count))") + "\n")
                for group in groups {
                    var text = palette.bold(t(group.subject.description)) + (group.renamedFrom.map { " (renamed from \(t($0)))" } ?? "") + "\n"
                    for change in group.changes { text += lines(change, indent: "  ", palette: palette) }
                    emit(text)
                }
            case .defaultRoles(let changes):
                emit("\n" + palette.bold("Default roles (\(changes.count))") + "\n")
                for change in changes { emit(lines(change, indent: "  ", palette: palette)) }
            case .entities(let changes):
                emit("\n" + palette.bold("Entities (\(changes.count))") + "\n")
                for change in changes { emit(lines(change, indent: "  ", palette: palette)) }
            }
        }
        emit("\n" + t(report.summaryLine) + "\n")
    }

    /// NEW's failing assertions, each as `validate` prints it in one line, with its notes.
    static func failing(_ diagnostics: [Diagnostic], palette: Palette) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var text = "\n" + palette.bold(palette.red("Failing assertions in NEW (\(diagnostics.count))")) + "\n"
        for d in diagnostics {
            text += "  \(palette.red("✗")) \(t(d.location.description)): \(t(d.message))\n"
            for note in d.notes { text += "      \(palette.dim(t(note)))\n" }
        }
        return text
    }

    /// A change: its sign, title and risk, who approves it, the actor's flag, the
    /// approvers' verdict when they do not approve it, and its
    /// provenance (three projects at most).
    static func lines(_ change: DiffChange, indent: String, prefix: String = "", palette: Palette) -> String {
        let tag: String = switch change.risk {
        case .high: palette.red("[high: \(t(change.riskReasons.joined(separator: "; ")))]")
        case .medium: palette.yellow("[medium: \(t(change.riskReasons.joined(separator: "; ")))]")
        case .low: ""
        }
        let sign: String = switch (change.gainsSomething, change.losesSomething) {
        case (true, false): palette.green("+")
        case (false, true): palette.red("-")
        default: palette.yellow("~")
        }
        var text = "\(indent)\(sign) \(prefix)\(t(W.title(change)))\(tag.isEmpty ? "" : "  " + tag)\n"
        text += "\(indent)    \(palette.dim("approve: \(t(W.approvers(change)))"))\n"
        if let flag = change.actorFlag { text += "\(indent)    \(palette.red("! " + t(flag)))\n" }
        if let note = change.approval?.note { text += "\(indent)    \(palette.red("! " + t(note)))\n" }
        for (label, chain) in W.chains(change, limit: W.projectsShown) {
            text += "\(indent)    \(palette.dim(t(label))) \(t(chain))\n"
        }
        let more = W.projectCount(change) - W.projectsShown
        if more > 0 { text += "\(indent)    \(palette.dim("… and \(W.plural(more, "more project", "more projects")) (--format json lists all)"))\n" }
        return text
    }
}
