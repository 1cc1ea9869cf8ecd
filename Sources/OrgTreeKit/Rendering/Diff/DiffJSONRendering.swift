import OrgTreeCore

/// `diff --format json` (`format_version` 1, documented in README.md): one object with
/// the changes in the report's priority order, a record per line, and the summary. Every
/// object's keys are sorted.
public enum DiffJSONRendering {
    typealias W = DiffWording

    public static func render(_ report: DiffReport) -> String {
        var out = ""
        render(report) { out += $0 }
        return out
    }

    /// Streams the report, one change at a time.
    public static func render(_ report: DiffReport, emit: (String) -> Void) {
        var w = JSONWriter()
        write(report, to: &w) { w in emit(w.take()) }
        w.end()
        emit(w.take())
    }

    /// Writes the report's object into `w` (which may be inside a larger document);
    /// `afterChange` is called after each change is written.
    public static func write(_ report: DiffReport, to w: inout JSONWriter, afterChange: (inout JSONWriter) -> Void = { _ in }) {
        let (diff, header, s) = (report.diff, report.header, report.diff.summary)
        w.object { w in
            w.key("actor"); w.optional(diff.actor?.description)
            if let approval = diff.approval {
                w.key("approved_by"); w.value(.strings(approval.approvers.map(\.description) + approval.unknown))
            }
            w.key("at"); w.string(header.day.description)
            w.key("changed"); w.bool(!diff.isEmpty)
            w.key("changes")
            w.array { w in
                for change in diff.prioritized {
                    w.value(value(change))
                    afterChange(&w)
                }
            }
            if !report.failingAssertions.isEmpty {
                w.key("failing_assertions"); w.value(.array(report.failingAssertions.map(JSONValue.diagnostic)))
            }
            w.key("format_version"); w.int(1)
            w.key("new"); w.string(header.new)
            w.key("old"); w.string(header.old)
            w.key("summary")
            var summary: [String: JSONValue] = [
                "actor_flagged": .int(s.flagged), "changes": .int(s.changes), "high": .int(s.high), "low": .int(s.low),
                "medium": .int(s.medium), "subjects_gaining": .int(s.subjectsGaining), "subjects_losing": .int(s.subjectsLosing),
                "text": .string(report.summaryLine),
            ]
            if diff.approval != nil { summary["unapproved"] = .int(s.unapproved) }
            w.value(.object(summary))
        }
    }

    static func projects(_ projects: [ProjectProvenance]) -> JSONValue {
        .array(projects.map { ["project": .string($0.project), "via": .chains($0.via), "was_via": .chains($0.wasVia)] })
    }

    static func category(_ change: DiffChange) -> String {
        switch change.detail {
        case .entity: return "entity"
        case .defaultRole: return "default"
        default: return "access"
        }
    }

    static func approver(_ approver: Approver) -> JSONValue {
        var object: [String: JSONValue] = ["description": .string(approver.description), "kind": .string(approver.kind)]
        switch approver {
        case .agencyOwner(let agency): object["agency"] = .string(agency)
        case .orgPermission(let p): object["permission"] = .string(p.rawValue)
        case .projectOwner(let projects): object["projects"] = .strings(projects)
        default: break
        }
        return .object(object)
    }

    /// The `--approved-by` verdict of one change.
    static func verdict(_ verdict: ApprovalVerdict) -> JSONValue {
        ["approved": .bool(verdict.approved), "by": .strings(verdict.by.map(\.description)),
         "missing": .array(verdict.missing.map(approver))]
    }

    /// One change; see README.md for the schema.
    static func value(_ change: DiffChange) -> JSONValue {
        var o: [String: JSONValue] = [
            "actor_flag": .optional(change.actorFlag),
            "approvers": .array(change.approvers.map(approver)),
            "category": .string(category(change)),
            "gains": .bool(change.gainsSomething),
            "kind": .string(change.kind),
            "loses": .bool(change.losesSomething),
            "risk": .string(change.risk.description),
            "risk_reasons": .strings(change.riskReasons),
            "subject": .optional(change.subject?.description),
            "summary": .string(W.title(change)),
            "via": .chains(change.via),
            "was_via": .chains(change.wasVia),
        ]
        if let renamed = change.renamedFrom { o["renamed_from"] = .string(renamed.description) }
        if let approval = change.approval { o["approval"] = verdict(approval) }
        switch change.detail {
        case .entity(let e):
            var entity: [String: JSONValue] = ["action": .string(e.action.rawValue), "id": .string(e.id), "type": .string(e.kind.rawValue)]
            if !e.added.isEmpty || !e.removed.isEmpty {
                entity["added"] = .strings(e.added)
                entity["removed"] = .strings(e.removed)
            }
            if let field = e.field { entity["field"] = .string(field) }
            if e.from != nil || e.to != nil {
                entity["from"] = .optional(e.from)
                entity["to"] = .optional(e.to)
            }
            if let note = e.note { entity["note"] = .string(note) }
            if let old = e.oldID { entity["old_id"] = .string(old) }
            o["entity"] = .object(entity)
        case .orgRole(let from, let to, let gained, let lost):
            o["from"] = .optional(from?.rawValue)
            o["to"] = .optional(to?.rawValue)
            o["permissions_gained"] = .strings(gained.map(\.rawValue))
            o["permissions_lost"] = .strings(lost.map(\.rawValue))
        case .orgPermission(let permission, _):
            o["permission"] = .string(permission.rawValue)
        case .projectAccess(let p):
            o["from"] = .optional(p.from?.role.rawValue)
            o["to"] = .optional(p.to?.role.rawValue)
            o["permissions_gained"] = .strings(p.gained.map(\.rawValue))
            o["permissions_lost"] = .strings(p.lost.map(\.rawValue))
            o["projects"] = projects(p.projects)
            if let from = p.from, from.role.isTemplateRole { o["templates_from"] = .strings(from.templates) }
            if let to = p.to, to.role.isTemplateRole { o["templates_to"] = .strings(to.templates) }
        case .defaultRole(let d):
            o["from"] = .optional(d.from?.rawValue)
            o["to"] = .optional(d.to?.rawValue)
            o["org_default"] = .bool(d.fromOrgDefault)
            o["projects"] = projects(d.projects)
            o["subjects"] = .strings(d.subjects.map(\.description))
            o["movers"] = .string(d.movers.rawValue)
        case .tokenScopes(let t):
            o["environment"] = .optional(t.environment?.rawValue)
            if let from = t.movedFrom { o["environment_from"] = .string(from.rawValue) }
            o["restored"] = .array(t.restored.map(JSONValue.reason))
            o["scopes_gained"] = .strings(t.gained.map(\.rawValue))
            o["scopes_lost"] = .strings(t.lost.map(\.rawValue))
            o["suspended"] = .array(t.suspended.map(JSONValue.reason))
        }
        return .object(o)
    }
}
