import OrgTreeCore

/// The words of a diff report that every format shares: a change's title, who it is
/// about, who approves it, its provenance lines, the summary line.
public enum DiffWording {
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
            let held = t.gained.map(\.rawValue).joined(separator: ", ")
            let env = t.environment.map { " in \($0.rawValue)" } ?? ""
            if t.added { return "new token holds \(held)\(env)" }
            if t.removed { return "token removed (held \(t.lost.map(\.rawValue).joined(separator: ", "))\(env))" }
            if let from = t.movedFrom { return "moves from \(from.rawValue) to \(t.environment?.rawValue ?? "?"): holds \(held)\(env) only, nothing in \(from.rawValue)" }
            if !t.suspended.isEmpty { return "suspended: \(scopes)\(env)" }
            if !t.restored.isEmpty { return "holds its scopes again: \(scopes)\(env)" }
            return "scopes \(scopes)\(env)"
        case .defaultRole(let d):
            let on = projects(d.projects.map(\.project))
            switch d.movers {
            case .members:
                let who = plural(d.subjects.count, "member", "members")
                return "default \(d.from?.rawValue ?? "none") → \(d.to?.rawValue ?? "none") \(on) for \(who) without access of their own (\(people(d.subjects)))"
            case .added:
                let who = plural(d.subjects.count, "person added", "people added")
                return "default \(d.to?.rawValue ?? "none") \(on) for \(who), where they have no access of their own (\(people(d.subjects)))"
            case .removed:
                let who = plural(d.subjects.count, "person removed", "people removed")
                return "default \(d.from?.rawValue ?? "none") \(on) gone for \(who), where they had no access of their own (\(people(d.subjects)))"
            }
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
    public static func about(_ change: DiffChange) -> String {
        if let subject = change.subject { return subject.description }
        switch change.detail {
        case .entity(let e): return e.kind == .assertion ? "assertions" : "\(kindName(e.kind)) \(e.id)"
        case .defaultRole(let d):
            switch d.movers {
            case .members: return "members"
            case .added: return "people added"
            case .removed: return "people removed"
            }
        default: return ""
        }
    }

    static func approvers(_ change: DiffChange) -> String {
        change.approvers.isEmpty ? "no platform approval" : change.approvers.map(\.description).joined(separator: " and ")
    }

    /// How many projects of a change text and markdown show the chains of.
    public static let projectsShown = 3

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
        if diff.approval != nil {
            parts.append("\(count(s.unapproved)) not approved")
        }
        return parts.joined(separator: ", ") + " (\(plural(s.changes, "change", "changes")): \(count(s.high)) high, \(count(s.medium)) medium, \(count(s.low)) low)"
    }
}
