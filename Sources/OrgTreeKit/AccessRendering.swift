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

    struct JSONPermission: Codable {
        var permission: String
        var templates: [String]?
        var via: [[JSONStep]]
    }

    struct JSONProject: Codable {
        var project: String
        var role: String
        var templates: [String]?
        var via: [[JSONStep]]
        var permissions: [JSONPermission]
    }

    struct JSONBulk: Codable {
        var role: String
        var source: String
        var count: Int
        var projects: [String]
        var via: [JSONStep]?
    }

    struct JSONToken: Codable {
        var project: String
        var environment: String?
        var expires: String?
        var declared: [String]
        var scopes: [JSONPermission]
        var suspended: [JSONReason]
    }

    struct JSONSubject: Codable {
        var subject: String
        var kind: String
        var org_role: String?
        var org_permissions: [JSONPermission]
        var projects: [JSONProject]
        var elsewhere: [JSONBulk]
        var token: JSONToken?
    }

    static func kind(_ subject: Subject) -> String {
        switch subject {
        case .person: return "person"
        case .agencyPerson: return "agency-person"
        case .token: return "token"
        }
    }

    static func jsonSubject(_ a: SubjectAccess) -> JSONSubject {
        JSONSubject(
            subject: a.subject.description, kind: kind(a.subject), org_role: a.orgRole?.rawValue,
            org_permissions: a.orgPermissions.map { JSONPermission(permission: $0.permission.rawValue, templates: nil, via: $0.chains.map(steps)) },
            projects: a.projects.map { p in
                JSONProject(project: p.project, role: p.role.rawValue, templates: p.role.isTemplateRole ? p.templates : nil,
                            via: p.chains.map(steps),
                            permissions: p.permissions.map { JSONPermission(permission: $0.permission.rawValue, templates: $0.grant.templates, via: $0.grant.chains.map(steps)) })
            },
            elsewhere: a.elsewhere.map { JSONBulk(role: $0.role.rawValue, source: $0.source.rawValue, count: $0.projects.count, projects: $0.projects, via: $0.chain.map(steps)) },
            token: a.token.map { t in
                JSONToken(project: t.project, environment: t.environment?.rawValue, expires: t.expires?.description,
                          declared: t.declared.map(\.rawValue),
                          scopes: t.scopes.map { JSONPermission(permission: $0.scope.rawValue, templates: nil, via: $0.chains.map(steps)) },
                          suspended: t.suspended.map(reason))
            })
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
    public static func effectiveJSON(_ subjects: [Subject], day: Day, access: (Subject) -> SubjectAccess, emit: (String) -> Void) {
        emit("{\"at\":\"\(day)\",\"format_version\":1,\"subjects\":[\n")
        for (i, subject) in subjects.enumerated() {
            emit(compact(jsonSubject(access(subject))) + (i == subjects.count - 1 ? "\n" : ",\n"))
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
            out += "  \(palette.green(bulk.role.rawValue)) on \(bulk.projects.count == 1 ? "1 \(scope)project" : "\(bulk.projects.count) \(scope)projects") \(what)\(palette.dim(via))\n"
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
