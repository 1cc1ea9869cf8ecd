import Foundation
import OrgTreeCore

/// Text and JSON for `effective`, `explain` and `who-can`. JSON carries `format_version`
/// and is documented in README.md.
public enum AccessRendering {
    // MARK: JSON shapes

    public struct JSONStep: Codable, Equatable {
        public var file: String
        public var line: Int
        public var text: String
    }

    public struct JSONReason: Codable, Equatable {
        public var message: String
        public var file: String?
        public var line: Int?
    }

    static func steps(_ chain: Provenance) -> [JSONStep] {
        chain.steps.map { JSONStep(file: $0.location.file, line: $0.location.line, text: $0.text) }
    }

    static func reason(_ r: Reason) -> JSONReason {
        JSONReason(message: r.message, file: r.location?.file, line: r.location?.line)
    }

    static func kind(_ subject: Subject) -> String {
        switch subject {
        case .person: return "person"
        case .agencyPerson: return "agency-person"
        case .token: return "token"
        }
    }

    /// One subject of `effective --format json` (keys sorted):
    /// `{"elsewhere": [{"count", "role", "source", "via"?}], "kind", "org_permissions":
    /// [{"permission", "via"}], "org_role"?, "projects": [{"list_grants"?: [{"permission",
    /// "via"}], "permissions": [...], "project", "role", "templates"?, "via"}], "subject",
    /// "token"?: {"declared", "environment", "expires", "project", "scopes": [{"scope",
    /// "via"}], "suspended": [{"file"?, "line"?, "message"}]}}`. A chain is a list of steps
    /// `{"file", "line", "text"}`; `via` is a list of chains.
    static func writeSubject(_ a: SubjectAccess, to w: inout JSONWriter) {
        func chain(_ c: Provenance, _ w: inout JSONWriter) { w.chain(c) }
        func chains(_ cs: [Provenance], _ w: inout JSONWriter) { w.chains(cs) }
        w.object { w in
            w.key("elsewhere")
            w.array { w in
                for bulk in a.elsewhere {
                    w.object { w in
                        w.key("count"); w.int(bulk.count)
                        w.key("role"); w.string(bulk.role.rawValue)
                        w.key("source"); w.string(bulk.source.rawValue)
                        if let c = bulk.chain { w.key("via"); chain(c, &w) }
                    }
                }
            }
            w.key("kind"); w.string(kind(a.subject))
            w.key("org_permissions")
            w.array { w in
                for (permission, cs) in a.orgPermissions {
                    w.object { w in
                        w.key("permission"); w.string(permission.rawValue)
                        w.key("via"); chains(cs, &w)
                    }
                }
            }
            if let role = a.orgRole { w.key("org_role"); w.string(role.rawValue) }
            w.key("projects")
            w.array { w in
                for p in a.projects {
                    w.object { w in
                        let listed = p.permissions.filter { $0.grant.chains != p.chains }
                        if !listed.isEmpty {
                            w.key("list_grants")
                            w.array { w in
                                for (permission, grant) in listed {
                                    w.object { w in
                                        w.key("permission"); w.string(permission.rawValue)
                                        w.key("via"); chains(grant.chains, &w)
                                    }
                                }
                            }
                        }
                        w.key("permissions"); w.strings(p.permissions.map(\.permission.rawValue))
                        w.key("project"); w.string(p.project)
                        w.key("role"); w.string(p.role.rawValue)
                        if p.role.isTemplateRole { w.key("templates"); w.strings(p.templates) }
                        w.key("via"); chains(p.chains, &w)
                    }
                }
            }
            w.key("subject"); w.string(a.subject.description)
            if let t = a.token {
                w.key("token")
                w.object { w in
                    w.key("declared"); w.strings(t.declared.map(\.rawValue))
                    w.key("environment"); if let e = t.environment { w.string(e.rawValue) } else { w.null() }
                    w.key("expires"); if let d = t.expires { w.string(d.description) } else { w.null() }
                    w.key("project"); w.string(t.project)
                    w.key("scopes")
                    w.array { w in
                        for (scope, cs) in t.scopes {
                            w.object { w in
                                w.key("scope"); w.string(scope.rawValue)
                                w.key("via"); chains(cs, &w)
                            }
                        }
                    }
                    w.key("suspended")
                    w.array { w in
                        for r in t.suspended {
                            w.object { w in
                                if let l = r.location { w.key("file"); w.string(l.file); w.key("line"); w.int(l.line) }
                                w.key("message"); w.string(r.message)
                            }
                        }
                    }
                }
            }
        }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func compact<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    // MARK: effective

    /// Streams the report: `emit` is called with successive pieces of output, so the whole
    /// matrix is never held in memory.
    /// `projectDefaults`: each project's default setting (`reader`, …, `none`), stated once
    /// so that bulk grants need not list their projects.
    public static func effectiveJSON(_ subjects: [Subject], day: Day, projectDefaults: [String: String],
                                     access: (Subject) -> SubjectAccess, emit: (String) -> Void) {
        var header = JSONWriter()
        header.object { w in
            w.key("at"); w.string(day.description)
            w.key("format_version"); w.int(1)
            w.key("project_defaults")
            w.object { w in
                for id in projectDefaults.keys.sorted() { w.key(id); w.string(projectDefaults[id]!) }
            }
        }
        emit(String(header.text.dropLast()) + ",\"subjects\":[\n")
        for (i, subject) in subjects.enumerated() {
            var w = JSONWriter()
            writeSubject(access(subject), to: &w)
            emit(w.text + (i == subjects.count - 1 ? "\n" : ",\n"))
        }
        emit("]}\n")
    }

    public static func effectiveText(_ a: SubjectAccess, palette: Palette) -> String {
        var out = palette.bold(a.subject.description)
        switch a.subject {
        case .person:
            if let role = a.orgRole, let chain = a.orgRoleChain {
                out += "  org \(role.rawValue)  \(palette.dim("(\(chain))"))"
            }
        case .agencyPerson: out += "  agency person"
        case .token: out += "  token"
        }
        out += "\n"
        if !a.orgPermissions.isEmpty {
            out += "  org: \(a.orgPermissions.map(\.permission.rawValue).joined(separator: ", "))\n"
            for (permission, chains) in a.orgPermissions where !(a.orgRoleChain.map { chains == [$0] } ?? false) {
                for chain in chains where chain != a.orgRoleChain {
                    out += "    \(permission.rawValue) via \(chain)\n"
                }
            }
        }
        if let t = a.token {
            let env = t.environment?.rawValue ?? "?"
            let expires = t.expires?.description ?? "?"
            out += "  project \(t.project), \(env), expires \(expires)\n"
            if t.suspended.isEmpty {
                for (scope, chains) in t.scopes {
                    for chain in chains { out += "  \(palette.green(scope.rawValue)) via \(chain)\n" }
                }
            } else {
                out += "  \(palette.yellow("suspended")): declares \(t.declared.map(\.rawValue).joined(separator: ", ")) but holds none:\n"
                for r in t.suspended { out += "    \(r)\n" }
            }
        }
        let width = a.projects.map(\.project.count).max() ?? 0
        for p in a.projects {
            let padded = p.project + String(repeating: " ", count: width - p.project.count)
            var role = p.role.rawValue
            if p.role.isTemplateRole { role += " [\(p.templates.joined(separator: ", "))]" }
            out += "  \(padded)  \(palette.green(role))  \(p.permissions.map { $0.permission.rawValue + ($0.grant.templates == nil ? "" : "*") }.joined(separator: ", "))\n"
            for chain in p.chains { out += "  \(String(repeating: " ", count: width))    via \(chain)\n" }
            for (permission, grant) in p.permissions where !grant.chains.allSatisfy({ p.chains.contains($0) }) {
                for chain in grant.chains where !p.chains.contains(chain) {
                    out += "  \(String(repeating: " ", count: width))    \(permission.rawValue) via \(chain)\n"
                }
            }
        }
        for bulk in a.elsewhere {
            let scope = a.projects.isEmpty ? "" : "other "
            let what = bulk.source == .orgRole ? "as org \(a.orgRole?.rawValue ?? "")" : "by default"
            let via = bulk.chain.map { " (\($0))" } ?? " (each project's access.default)"
            out += "  \(palette.green(bulk.role.rawValue)) on \(bulk.count == 1 ? "1 \(scope)project" : "\(bulk.count) \(scope)projects") \(what)\(palette.dim(via))\n"
        }
        if a.projects.isEmpty && a.elsewhere.isEmpty && a.token == nil {
            out += "  no project access\n"
        }
        return out
    }

    // MARK: explain

    struct JSONExplanation: Codable {
        var format_version = 1
        var subject: String
        var permission: String
        var on: String?
        var at: String
        var granted: Bool
        var via: [[JSONStep]]
        var reasons: [JSONReason]
    }

    public static func explainJSON(subject: Subject, capability: Capability, on project: String?, day: Day, evaluation: Evaluation) -> String {
        compact(JSONExplanation(subject: subject.description, permission: capability.description, on: project, at: day.description,
                                granted: evaluation.granted, via: evaluation.chains.map(steps),
                                reasons: evaluation.reasons.map(reason))) + "\n"
    }

    public static func explainText(subject: Subject, capability: Capability, on project: String?, evaluation: Evaluation, palette: Palette) -> String {
        let on = project.map { " on \($0)" } ?? ""
        var out: String
        if evaluation.granted {
            out = "\(palette.bold(subject.description)) \(palette.green("can")) \(capability)\(on)\n"
            for chain in evaluation.chains { out += "  via \(chain)\n" }
        } else {
            out = "\(palette.bold(subject.description)) \(palette.red("cannot")) \(capability)\(on)\n"
            for r in evaluation.reasons { out += "  because \(r)\n" }
            for chain in evaluation.chains { out += "  (has \(chain))\n" }
        }
        return out
    }

    // MARK: who-can

    struct JSONHolder: Codable {
        var subject: String
        var kind: String
        var project: String?
        var role: String
        var templates: [String]?
        var via: [JSONStep]
    }

    struct JSONWhoCan: Codable {
        var format_version = 1
        var permission: String
        var on: String?
        var at: String
        var holders: [JSONHolder]
    }

    public static func whoCanJSON(_ holders: [Holder], capability: Capability, on project: String?, day: Day) -> String {
        let body = JSONWhoCan(permission: capability.description, on: project, at: day.description,
                              holders: holders.map { JSONHolder(subject: $0.subject.description, kind: kind($0.subject), project: $0.project,
                                                                role: $0.role, templates: $0.templates, via: steps($0.chain)) })
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(body)) ?? Data(), as: UTF8.self) + "\n"
    }

    public static func whoCanText(_ holders: [Holder], capability: Capability, on project: String?, palette: Palette) -> String {
        guard !holders.isEmpty else {
            return "nobody can \(capability)\(project.map { " on \($0)" } ?? "")\n"
        }
        let rows = holders.map { h -> [String] in
            var role = h.role
            if let t = h.templates { role += " [\(t.joined(separator: ", "))]" }
            return [h.subject.description, h.project ?? "", role, h.chain.description]
        }
        let showProject = holders.contains { $0.project != nil }
        let header = ["SUBJECT", "PROJECT", "ROLE", "VIA"]
        let columns = showProject ? [0, 1, 2, 3] : [0, 2, 3]
        var widths = [Int](repeating: 0, count: 4)
        for row in rows + [header] { for c in 0..<3 { widths[c] = max(widths[c], row[c].count) } }
        func line(_ row: [String]) -> String {
            columns.map { c in c == 3 ? row[c] : row[c] + String(repeating: " ", count: widths[c] - row[c].count) }
                .joined(separator: "  ")
        }
        var out = palette.bold(line(header)) + "\n"
        for row in rows { out += line(row) + "\n" }
        out += "\(holders.count) \(holders.count == 1 ? "subject" : "subjects") can \(capability)\(project.map { " on \($0)" } ?? "")\n"
        return out
    }
}
