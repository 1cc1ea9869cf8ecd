import OrgTreeCore

/// The JSON of `effective`, `explain` and `who-can` (`format_version` 1, documented in
/// README.md).
public enum AccessJSONRendering {
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
                    w.key("environment"); w.optional(t.environment?.rawValue)
                    w.key("expires"); w.optional(t.expires?.description)
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
                    w.key("suspended"); w.value(.array(t.suspended.map(JSONValue.reason)))
                }
            }
        }
    }

    // MARK: effective

    /// Streams the report: `emit` is called with successive pieces of output, so the whole
    /// matrix is never held in memory.
    /// `projectDefaults`: each project's default setting (`reader`, …, `none`), stated once
    /// so that bulk grants need not list their projects.
    public static func effective(_ query: EffectiveQuery, emit: (String) -> Void) {
        effectiveJSON(query.subjects, day: query.day, projectDefaults: query.projectDefaults, access: query.access, emit: emit)
    }

    public static func effectiveJSON(_ subjects: [Subject], day: Day, projectDefaults: [String: String],
                                     access: (Subject) -> SubjectAccess, emit: (String) -> Void) {
        var w = JSONWriter()
        w.object { w in
            w.key("at"); w.string(day.description)
            w.key("format_version"); w.int(1)
            w.key("project_defaults")
            w.value(.object(projectDefaults.mapValues(JSONValue.string)))
            w.key("subjects")
            w.array { w in
                for subject in subjects {
                    writeSubject(access(subject), to: &w)
                    emit(w.take())
                }
            }
        }
        w.end()
        emit(w.take())
    }

    // MARK: explain

    /// `{"at", "environment"?, "format_version", "granted", "on"?, "permission", "reasons":
    /// [{"file"?, "line"?, "message"}], "subject", "via": [chain]}`;
    /// `environment` is the one asked (`--env`) or a token's own.
    public static func explainJSON(subject: Subject, capability: Capability, on project: String?, day: Day, evaluation: Evaluation) -> String {
        var document: [String: JSONValue] = [
            "format_version": 1, "subject": .string(subject.description), "permission": .string(capability.description),
            "at": .string(day.description), "granted": .bool(evaluation.granted),
            "via": .chains(evaluation.chains), "reasons": .array(evaluation.reasons.map(JSONValue.reason)),
        ]
        if let project { document["on"] = .string(project) }
        if let environment = evaluation.environment { document["environment"] = .string(environment.rawValue) }
        return JSONValue.object(document).document()
    }

    // MARK: who-can

    /// `{"at", "environment"?, "format_version", "holders": [{"environment"?, "kind",
    /// "project"?, "role", "subject", "templates"?, "via": chain}], "on"?, "permission"}`;
    /// a token holder's `environment` is the only one where it holds the scope.
    public static func whoCanJSON(_ holders: [Holder], capability: Capability, on project: String?,
                                  environment: Environment? = nil, day: Day) -> String {
        var document: [String: JSONValue] = [
            "format_version": 1, "permission": .string(capability.description), "at": .string(day.description),
            "holders": .array(holders.map { holder in
                var h: [String: JSONValue] = ["subject": .string(holder.subject.description), "kind": .string(kind(holder.subject)),
                                              "role": .string(holder.role), "via": .chain(holder.chain)]
                if let project = holder.project { h["project"] = .string(project) }
                if let templates = holder.templates { h["templates"] = .strings(templates) }
                if let environment = holder.environment { h["environment"] = .string(environment.rawValue) }
                return .object(h)
            }),
        ]
        if let project { document["on"] = .string(project) }
        if let environment { document["environment"] = .string(environment.rawValue) }
        return JSONValue.object(document).document()
    }
}
