import Foundation
import OrgTreeCore

public enum DiffFormat: String, CaseIterable, Sendable {
    case text, markdown, json
}

/// What a diff report is about: the two trees as given, and the evaluation day.
public struct DiffHeader: Sendable {
    public var old: String
    public var new: String
    public var day: Day

    public init(old: String, new: String, day: Day) {
        self.old = old
        self.new = new
        self.day = day
    }
}

/// Renders `orgtree diff` reports: text for terminals, markdown for a pull-request
/// comment, JSON (`format_version` 1, documented in README.md) for tools.
public enum DiffRendering {
    /// The first line of every markdown report: a bot finds its one comment by it.
    public static let marker = "<!-- orgtree-diff -->"

    /// What `diff` shows when NEW does not validate: NEW's report (in markdown, inside a
    /// comment that says so).
    public static func newInvalid(_ report: ValidationReport, new: String, as format: DiffFormat, palette: Palette = .plain) -> String {
        switch format {
        case .text: return DiagnosticRendering.render(report, as: .text, palette: palette)
        case .json: return DiagnosticRendering.render(report, as: .json)
        case .markdown:
            return "\(marker)\n## orgtree diff\n\n❌ **\(new) does not validate**; fix it before its access changes can be shown.\n\n```\n"
                + DiagnosticRendering.render(report, as: .text) + "```\n"
        }
    }

    public static func render(_ diff: TreeDiff, _ header: DiffHeader, as format: DiffFormat, palette: Palette = .plain) -> String {
        var out = ""
        render(diff, header, as: format, palette: palette) { out += $0 }
        return out
    }

    /// Streams the report: `emit` is called with successive pieces, so a large report is
    /// never held whole in memory (markdown is bounded in size anyway).
    public static func render(_ diff: TreeDiff, _ header: DiffHeader, as format: DiffFormat, palette: Palette = .plain,
                              emit: (String) -> Void) {
        switch format {
        case .text: text(diff, header, palette: palette, emit: emit)
        case .markdown: emit(markdown(diff, header))
        case .json: json(diff, header, emit: emit)
        }
    }

    // MARK: Wording shared by the formats

    static func kindName(_ kind: EntityChange.Kind) -> String {
        kind == .agencyPerson ? "agency person" : kind.rawValue
    }

    static func projects(_ ids: [String]) -> String {
        if ids.count == 1 { return "on \(ids[0])" }
        let shown = ids.prefix(3).joined(separator: ", ")
        return "on \(count(ids.count)) projects (\(shown)\(ids.count > 3 ? ", +\(count(ids.count - 3)) more" : ""))"
    }

    static func delta(_ gained: [String], _ lost: [String]) -> String {
        (gained.map { "+" + $0 } + lost.map { "−" + $0 }).joined(separator: ", ")
    }

    static func people(_ subjects: [Subject]) -> String {
        let shown = subjects.prefix(5).map(\.description).joined(separator: ", ")
        return subjects.count > 5 ? "\(shown), +\(count(subjects.count - 5)) more" : shown
    }

    /// One line that says what the change is.
    public static func title(_ change: DiffChange) -> String {
        switch change.detail {
        case .orgRole(let from, let to, let gained, let lost):
            let perms = delta(gained.map(\.rawValue), lost.map(\.rawValue))
            switch (from, to) {
            case (nil, let to?): return "joins the organization as \(to.rawValue)"
            case (let from?, nil): return "leaves the organization (was \(from.rawValue))"
            default: return "org role \(from?.rawValue ?? "none") → \(to?.rawValue ?? "none")" + (perms.isEmpty ? "" : " (\(perms))")
            }
        case .orgPermission(let permission, let gained):
            return "\(gained ? "gains" : "loses") org permission \(permission.rawValue)"
        case .projectAccess(let p):
            let on = projects(p.projectIDs)
            switch (p.from, p.to) {
            case (nil, let to?): return "gains \(to) \(on)"
            case (let from?, nil): return "loses \(from) \(on)"
            case (let from?, let to?):
                let perms = delta(p.gained.map(\.rawValue), p.lost.map(\.rawValue))
                if from.role == to.role && from.templates == to.templates { return "\(perms) \(on) (as \(to))" }
                return "\(from) → \(to) \(on)" + (perms.isEmpty ? "" : " (\(perms))")
            default: return "no access \(on)"
            }
        case .tokenScopes(let t):
            let scopes = delta(t.gained.map(\.rawValue), t.lost.map(\.rawValue))
            if t.added { return "new token holds \(t.gained.map(\.rawValue).joined(separator: ", "))" }
            if t.removed { return "token removed (held \(t.lost.map(\.rawValue).joined(separator: ", ")))" }
            if !t.suspended.isEmpty { return "suspended: \(scopes)" }
            if !t.restored.isEmpty { return "holds its scopes again: \(scopes)" }
            return "scopes \(scopes)"
        case .defaultRole(let d):
            let who = plural(d.subjects.count, "member", "members")
            return "default \(d.from?.rawValue ?? "none") → \(d.to?.rawValue ?? "none") \(projects(d.projects.map(\.project))) for \(who) without access of their own (\(people(d.subjects)))"
        case .entity(let e):
            let name = e.kind == .assertion ? "assertion" : "\(kindName(e.kind)) \(e.id)"
            let note = e.note.map { $0.isEmpty ? "" : " (\($0))" } ?? ""
            switch e.action {
            case .added: return e.kind == .assertion ? "assertion added: \(e.id)" : "\(name) added\(note)"
            case .removed: return e.kind == .assertion ? "assertion removed: \(e.id)" : "\(name) removed\(note)"
            case .renamed: return "\(kindName(e.kind)) \(e.oldID ?? "?") renamed to \(e.id)\(note)"
            case .modified:
                let field = e.field ?? ""
                if e.from != nil || e.to != nil {
                    return "\(name): \(field) \(e.from ?? "(not set)") → \(e.to ?? "(not set)")"
                }
                return "\(name): \(field) \(delta(e.added, e.removed))"
            }
        }
    }

    /// Who the change is about, for tables: the subject, else the entity.
    static func about(_ change: DiffChange) -> String {
        if let subject = change.subject { return subject.description }
        switch change.detail {
        case .entity(let e): return e.kind == .assertion ? "assertions" : "\(kindName(e.kind)) \(e.id)"
        case .defaultRole: return "members"
        default: return ""
        }
    }

    static func approvers(_ change: DiffChange) -> String {
        change.approvers.isEmpty ? "no platform approval" : change.approvers.map(\.description).joined(separator: " and ")
    }

    /// Provenance lines: (label, chain). Gains show NEW's chains, losses OLD's.
    static func chains(_ change: DiffChange, limit: Int) -> [(String, Provenance)] {
        var lines: [(String, Provenance)] = []
        switch change.detail {
        case .projectAccess(let p):
            for entry in p.projects.prefix(limit) {
                let prefix = p.projects.count > 1 ? "\(entry.project): " : ""
                if let chain = entry.via.first { lines.append((prefix + "via", chain)) }
                if let chain = entry.wasVia.first, p.to == nil || change.losesSomething { lines.append((prefix + "was via", chain)) }
            }
        case .defaultRole(let d):
            for entry in d.projects.prefix(limit) {
                if let chain = entry.via.first { lines.append(("via", chain)) }
            }
        default:
            lines += change.via.prefix(limit).map { ("via", $0) }
            if change.losesSomething || change.via.isEmpty {
                lines += change.wasVia.prefix(limit).map { ("was via", $0) }
            }
        }
        return lines
    }

    static func projectCount(_ change: DiffChange) -> Int {
        switch change.detail {
        case .projectAccess(let p): return p.projects.count
        case .defaultRole(let d): return d.projects.count
        default: return 1
        }
    }

    static func count(_ n: Int) -> String { DiffNumbers.grouped(n) }

    static func plural(_ n: Int, _ one: String, _ many: String) -> String {
        "\(count(n)) \(n == 1 ? one : many)"
    }

    /// "3 subjects gain access, 1 loses access, 2 high-risk changes (9 changes: …)"
    public static func summaryLine(_ diff: TreeDiff) -> String {
        let s = diff.summary
        guard s.changes > 0 else { return "no changes" }
        var parts = [
            plural(s.subjectsGaining, "subject gains access", "subjects gain access"),
            "\(count(s.subjectsLosing)) \(s.subjectsLosing == 1 ? "loses" : "lose") access",
            plural(s.high, "high-risk change", "high-risk changes"),
        ]
        if let actor = diff.actor {
            parts.append("\(count(s.flagged)) \(s.flagged == 1 ? "needs" : "need") more than \(actor)")
        }
        return parts.joined(separator: ", ") + " (\(plural(s.changes, "change", "changes")): \(count(s.high)) high, \(count(s.medium)) medium, \(count(s.low)) low)"
    }

    /// Subjects with high-risk changes first, then those losing something, then those
    /// with medium-risk changes, then the rest.
    static func subjectGroups(_ diff: TreeDiff) -> [(subject: Subject, renamedFrom: Subject?, changes: [DiffChange])] {
        var groups: [Subject: [DiffChange]] = [:]
        var order: [Subject] = []
        for change in diff.changes where !change.isEntity {
            guard let subject = change.subject else { continue }
            if groups[subject] == nil { order.append(subject) }
            groups[subject, default: []].append(change)
        }
        func rank(_ changes: [DiffChange]) -> (Int, Int, Int) {
            (changes.contains { $0.risk == .high } ? 1 : 0, changes.contains(where: \.losesSomething) ? 1 : 0,
             changes.map(\.risk.rawValue).max() ?? 0)
        }
        let ranked = order.enumerated().sorted { a, b in
            let l = rank(groups[a.element]!), r = rank(groups[b.element]!)
            if l != r { return l > r }
            return a.offset < b.offset
        }
        return ranked.map { entry in
            let changes = TreeDiff(changes: groups[entry.element]!).prioritized
            return (entry.element, changes.first { $0.renamedFrom != nil }?.renamedFrom, changes)
        }
    }

    // MARK: text

    public static func text(_ diff: TreeDiff, _ header: DiffHeader, palette: Palette) -> String {
        var out = ""
        text(diff, header, palette: palette) { out += $0 }
        return out
    }

    public static func text(_ diff: TreeDiff, _ header: DiffHeader, palette: Palette, emit: (String) -> Void) {
        emit("\(palette.bold("orgtree diff")) \(header.old) → \(header.new) (evaluated on \(header.day))\n")
        guard !diff.isEmpty else {
            emit("\n" + palette.green("no changes") + ": OLD and NEW describe the same organization and the same access\n")
            return
        }
        func risk(_ change: DiffChange) -> String {
            switch change.risk {
            case .high: return palette.red("[high: \(change.riskReasons.joined(separator: "; "))]")
            case .medium: return palette.yellow("[medium: \(change.riskReasons.joined(separator: "; "))]")
            case .low: return ""
            }
        }
        func sign(_ change: DiffChange) -> String {
            switch (change.gainsSomething, change.losesSomething) {
            case (true, false): return palette.green("+")
            case (false, true): return palette.red("-")
            default: return palette.yellow("~")
            }
        }
        func lines(_ change: DiffChange, indent: String, prefix: String = "") -> String {
            let tag = risk(change)
            var text = "\(indent)\(sign(change)) \(prefix)\(title(change))\(tag.isEmpty ? "" : "  " + tag)\n"
            text += "\(indent)    \(palette.dim("approve: \(approvers(change))"))\n"
            if let flag = change.actorFlag { text += "\(indent)    \(palette.red("! " + flag))\n" }
            for (label, chain) in chains(change, limit: 3) {
                text += "\(indent)    \(palette.dim(label)) \(chain)\n"
            }
            let more = projectCount(change) - 3
            if more > 0 { text += "\(indent)    \(palette.dim("… and \(count(more)) more projects (--format json lists all)"))\n" }
            return text
        }

        if let actor = diff.actor {
            let flagged = diff.prioritized.filter { $0.actorFlag != nil }
            emit("\n" + palette.bold(flagged.isEmpty ? "\(actor) may make every change alone" : "Changes \(actor) may not make alone (\(flagged.count))") + "\n")
            for change in flagged { emit(lines(change, indent: "  ", prefix: change.subject == nil || change.isEntity ? "" : "\(about(change)): ")) }
        }
        let entities = TreeDiff(changes: diff.changes.filter(\.isEntity)).prioritized
        if !entities.isEmpty {
            emit("\n" + palette.bold("Entities (\(entities.count))") + "\n")
            for change in entities { emit(lines(change, indent: "  ")) }
        }
        let defaults = TreeDiff(changes: diff.changes.filter { if case .defaultRole = $0.detail { return true } else { return false } }).prioritized
        if !defaults.isEmpty {
            emit("\n" + palette.bold("Default roles (\(defaults.count))") + "\n")
            for change in defaults { emit(lines(change, indent: "  ")) }
        }
        let groups = subjectGroups(diff)
        if !groups.isEmpty {
            emit("\n" + palette.bold("Access by subject (\(groups.count))") + "\n")
            for group in groups {
                var text = palette.bold(group.subject.description) + (group.renamedFrom.map { " (renamed from \($0))" } ?? "") + "\n"
                for change in group.changes { text += lines(change, indent: "  ") }
                emit(text)
            }
        }
        emit("\n" + summaryLine(diff) + "\n")
    }

    // MARK: markdown

    /// GitHub refuses comments over 65,536 characters; details stop before that.
    static let markdownBudget = 60_000

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|": out += "\\|"
            case "\\", "*", "_", "`", "[", "]", "~", "#": out += "\\" + String(c)
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    static func code(_ s: String) -> String {
        "`" + s.replacingOccurrences(of: "`", with: "'") + "`"
    }

    static func badge(_ risk: DiffRisk) -> String {
        switch risk {
        case .high: return "🔴 high"
        case .medium: return "🟠 medium"
        case .low: return "🟢 low"
        }
    }

    static func markdownChain(_ chain: Provenance) -> String {
        chain.steps.map { "\(code($0.location.fileAndLine)) \(escape($0.text))" }.joined(separator: " → ")
    }

    public static func markdown(_ diff: TreeDiff, _ header: DiffHeader) -> String {
        var out = "\(marker)\n## orgtree diff\n\n\(code(header.old)) → \(code(header.new)) · evaluated on \(header.day)\n\n"
        guard !diff.isEmpty else {
            return out + "✅ **No changes**: both trees describe the same organization and the same access.\n"
        }
        let s = diff.summary
        out += "**\(escape(summaryLine(diff)))**\n\n| risk | changes |\n| :-- | --: |\n"
        for risk in DiffRisk.allCases.reversed() {
            out += "| \(badge(risk)) | \([s.low, s.medium, s.high][risk.rawValue]) |\n"
        }
        func row(_ change: DiffChange, reason: String) -> String {
            "| \(code(about(change))) | \(escape(title(change))) | \(escape(reason)) | \(escape(approvers(change))) |\n"
        }
        let tableLimit = 50
        if let actor = diff.actor {
            let flagged = diff.prioritized.filter { $0.actorFlag != nil }
            out += "\n### ⚠️ Changes \(code(actor.description)) may not make alone (\(flagged.count))\n\n"
            if flagged.isEmpty {
                out += "\(code(actor.description)) may make every change alone.\n"
            } else {
                out += "| subject | change | why | approve |\n| --- | --- | --- | --- |\n"
                for change in flagged.prefix(tableLimit) { out += row(change, reason: change.actorFlag ?? "") }
                if flagged.count > tableLimit { out += "\n_… and \(flagged.count - tableLimit) more._\n" }
            }
        }
        let high = diff.prioritized.filter { $0.risk == .high }
        if !high.isEmpty {
            out += "\n### 🔴 High-risk changes (\(high.count))\n\n| subject | change | why | approve |\n| --- | --- | --- | --- |\n"
            for change in high.prefix(tableLimit) { out += row(change, reason: change.riskReasons.joined(separator: "; ")) }
            if high.count > tableLimit { out += "\n_… and \(high.count - tableLimit) more._\n" }
        }

        func item(_ change: DiffChange) -> String {
            var text = "- \(change.risk == .low ? "" : badge(change.risk) + " ")\(escape(title(change))) — approve: \(escape(approvers(change)))\n"
            if let flag = change.actorFlag { text += "  - ⚠️ \(escape(flag))\n" }
            for (label, chain) in chains(change, limit: 3) { text += "  - \(escape(label)) \(markdownChain(chain))\n" }
            let more = projectCount(change) - 3
            if more > 0 { text += "  - … and \(count(more)) more projects\n" }
            return text
        }
        var truncated = false
        /// Appends a folded section, rendering its pieces only while they fit; false once
        /// the size budget is spent.
        func section(_ summary: String, count: Int, _ piece: (Int) -> String) -> Bool {
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
        let groups = subjectGroups(diff)
        let defaults = diff.changes.filter { if case .defaultRole = $0.detail { return true } else { return false } }
        let entities = TreeDiff(changes: diff.changes.filter(\.isEntity)).prioritized
        truncated = !section("Access changes by subject (\(groups.count))", count: groups.count) { i in
            let group = groups[i]
            return "\n**\(code(group.subject.description))**" + (group.renamedFrom.map { " (renamed from \(code($0.description)))" } ?? "")
                + "\n\n" + group.changes.map(item).joined()
        }
        if !truncated { truncated = !section("Default roles (\(defaults.count))", count: defaults.count) { item(defaults[$0]) } }
        if !truncated { truncated = !section("Entity changes (\(entities.count))", count: entities.count) { item(entities[$0]) } }
        if truncated {
            out += "\n_The comment is cut short to stay within GitHub's size limit; run `orgtree diff` (or `--format json`) for every change._\n"
        }
        return out
    }

    // MARK: json

    static func writeChains(_ key: String, _ chains: [Provenance], _ w: inout JSONWriter) {
        w.key(key)
        w.chains(chains)
    }

    static func writeReasons(_ key: String, _ reasons: [Reason], _ w: inout JSONWriter) {
        w.key(key)
        w.array { w in
            for reason in reasons {
                w.object { w in
                    if let location = reason.location {
                        w.key("file"); w.string(location.file)
                        w.key("line"); w.int(location.line)
                    }
                    w.key("message"); w.string(reason.message)
                }
            }
        }
    }

    static func writeOptional(_ key: String, _ value: String?, _ w: inout JSONWriter) {
        w.key(key)
        if let value { w.string(value) } else { w.null() }
    }

    static func writeProjects(_ projects: [ProjectProvenance], _ w: inout JSONWriter) {
        w.key("projects")
        w.array { w in
            for p in projects {
                w.object { w in
                    w.key("project"); w.string(p.project)
                    writeChains("via", p.via, &w)
                    writeChains("was_via", p.wasVia, &w)
                }
            }
        }
    }

    static func category(_ change: DiffChange) -> String {
        switch change.detail {
        case .entity: return "entity"
        case .defaultRole: return "default"
        default: return "access"
        }
    }

    /// Keys of each change object, written in sorted order; see README.md for the schema.
    static func writeChange(_ change: DiffChange, _ w: inout JSONWriter) {
        w.object { w in
            writeOptional("actor_flag", change.actorFlag, &w)
            w.key("approvers")
            w.array { w in
                for approver in change.approvers {
                    w.object { w in
                        switch approver {
                        case .agencyOwner(let agency): w.key("agency"); w.string(agency)
                        default: break
                        }
                        w.key("description"); w.string(approver.description)
                        w.key("kind"); w.string(approver.kind)
                        switch approver {
                        case .orgPermission(let p): w.key("permission"); w.string(p.rawValue)
                        case .projectOwner(let projects): w.key("projects"); w.strings(projects)
                        default: break
                        }
                    }
                }
            }
            w.key("category"); w.string(category(change))
            switch change.detail {
            case .entity(let e):
                w.key("entity")
                w.object { w in
                    w.key("action"); w.string(e.action.rawValue)
                    if !e.added.isEmpty || !e.removed.isEmpty { w.key("added"); w.strings(e.added) }
                    if let field = e.field { w.key("field"); w.string(field) }
                    if e.from != nil || e.to != nil { writeOptional("from", e.from, &w) }
                    w.key("id"); w.string(e.id)
                    if let note = e.note { w.key("note"); w.string(note) }
                    if let old = e.oldID { w.key("old_id"); w.string(old) }
                    if !e.added.isEmpty || !e.removed.isEmpty { w.key("removed"); w.strings(e.removed) }
                    if e.from != nil || e.to != nil { writeOptional("to", e.to, &w) }
                    w.key("type"); w.string(e.kind.rawValue)
                }
            default: break
            }
            switch change.detail {
            case .orgRole(let from, _, _, _):
                writeOptional("from", from?.rawValue, &w)
            case .projectAccess(let p):
                writeOptional("from", p.from?.role.rawValue, &w)
            case .defaultRole(let d):
                writeOptional("from", d.from?.rawValue, &w)
            default: break
            }
            w.key("gains"); w.bool(change.gainsSomething)
            w.key("kind"); w.string(change.kind)
            w.key("loses"); w.bool(change.losesSomething)
            switch change.detail {
            case .defaultRole(let d):
                w.key("org_default"); w.bool(d.fromOrgDefault)
            case .orgPermission(let p, _):
                w.key("permission"); w.string(p.rawValue)
            default: break
            }
            switch change.detail {
            case .orgRole(_, _, let gained, let lost):
                w.key("permissions_gained"); w.strings(gained.map(\.rawValue))
                w.key("permissions_lost"); w.strings(lost.map(\.rawValue))
            case .projectAccess(let p):
                w.key("permissions_gained"); w.strings(p.gained.map(\.rawValue))
                w.key("permissions_lost"); w.strings(p.lost.map(\.rawValue))
                writeProjects(p.projects, &w)
            case .defaultRole(let d):
                writeProjects(d.projects, &w)
            default: break
            }
            if let renamed = change.renamedFrom { w.key("renamed_from"); w.string(renamed.description) }
            w.key("risk"); w.string(change.risk.description)
            w.key("risk_reasons"); w.strings(change.riskReasons)
            if case .tokenScopes(let t) = change.detail {
                writeReasons("restored", t.restored, &w)
                w.key("scopes_gained"); w.strings(t.gained.map(\.rawValue))
                w.key("scopes_lost"); w.strings(t.lost.map(\.rawValue))
            }
            writeOptional("subject", change.subject?.description, &w)
            if case .defaultRole(let d) = change.detail {
                w.key("subjects"); w.strings(d.subjects.map(\.description))
            }
            w.key("summary"); w.string(title(change))
            if case .tokenScopes(let t) = change.detail {
                writeReasons("suspended", t.suspended, &w)
            }
            switch change.detail {
            case .orgRole(_, let to, _, _):
                writeOptional("to", to?.rawValue, &w)
            case .projectAccess(let p):
                if p.from?.role.isTemplateRole == true { w.key("templates_from"); w.strings(p.from!.templates) }
                if p.to?.role.isTemplateRole == true { w.key("templates_to"); w.strings(p.to!.templates) }
                writeOptional("to", p.to?.role.rawValue, &w)
            case .defaultRole(let d):
                writeOptional("to", d.to?.rawValue, &w)
            default: break
            }
            writeChains("via", change.via, &w)
            writeChains("was_via", change.wasVia, &w)
        }
    }

    public static func json(_ diff: TreeDiff, _ header: DiffHeader) -> String {
        var out = ""
        json(diff, header) { out += $0 }
        return out
    }

    /// Streams the JSON report, one change at a time (keys of every object sorted).
    public static func json(_ diff: TreeDiff, _ header: DiffHeader, emit: (String) -> Void) {
        let s = diff.summary
        var head = JSONWriter()
        head.object { w in
            writeOptional("actor", diff.actor?.description, &w)
            w.key("at"); w.string(header.day.description)
            w.key("changed"); w.bool(!diff.isEmpty)
        }
        emit(head.text.dropLast() + ",\"changes\":[")
        for (i, change) in diff.prioritized.enumerated() {
            var w = JSONWriter(capacity: 1024)
            writeChange(change, &w)
            emit((i == 0 ? "\n" : ",\n") + w.text)
        }
        var tail = JSONWriter()
        tail.object { w in
            w.key("format_version"); w.int(1)
            w.key("new"); w.string(header.new)
            w.key("old"); w.string(header.old)
            w.key("summary")
            w.object { w in
                w.key("actor_flagged"); w.int(s.flagged)
                w.key("changes"); w.int(s.changes)
                w.key("high"); w.int(s.high)
                w.key("low"); w.int(s.low)
                w.key("medium"); w.int(s.medium)
                w.key("subjects_gaining"); w.int(s.subjectsGaining)
                w.key("subjects_losing"); w.int(s.subjectsLosing)
                w.key("text"); w.string(summaryLine(diff))
            }
        }
        emit("\n]," + tail.text.dropFirst() + "\n")
    }
}
