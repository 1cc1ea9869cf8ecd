import OrgTreeCore

/// The text of `effective`, `explain` and `who-can` for terminals. Names, chains and
/// reasons go through `t` (`TerminalText`) before they are coloured.
public enum AccessTextRendering {
    private static func t(_ value: some Any) -> String { TerminalText.escaped(describing: value) }

    /// Each subject's access, separated by blank lines, or who has none.
    public static func effective(_ query: EffectiveQuery, palette: Palette, emit: (String) -> Void) {
        var shown = 0
        for subject in query.subjects {
            let access = query.access(of: subject)
            guard query.shown(access) else { continue }
            emit((shown == 0 ? "" : "\n") + effectiveText(access, palette: palette))
            shown += 1
        }
        if shown == 0 { emit("nobody has access to \(t(query.project ?? "any project"))\n") }
    }

    public static func effectiveText(_ a: SubjectAccess, palette: Palette) -> String {
        var out = palette.bold(t(a.subject.description))
        switch a.subject {
        case .person:
            if let role = a.orgRole, let chain = a.orgRoleChain {
                out += "  org \(role.rawValue)  \(palette.dim("(\(t(chain)))"))"
            }
        case .agencyPerson: out += "  agency person"
        case .token: out += "  token"
        }
        out += "\n"
        if !a.orgPermissions.isEmpty {
            out += "  org: \(a.orgPermissions.map(\.permission.rawValue).joined(separator: ", "))\n"
            for (permission, chains) in a.orgPermissions where !(a.orgRoleChain.map { chains == [$0] } ?? false) {
                for chain in chains where chain != a.orgRoleChain {
                    out += "    \(permission.rawValue) via \(t(chain))\n"
                }
            }
        }
        if let t = a.token {
            let env = t.environment?.rawValue ?? "?"
            let expires = t.expires?.description ?? "?"
            out += "  project \(Self.t(t.project)), \(env), expires \(expires)\n"
            if t.suspended.isEmpty {
                for (scope, chains) in t.scopes {
                    for chain in chains { out += "  \(palette.green(scope.rawValue)) via \(Self.t(chain))\n" }
                }
            } else {
                out += "  \(palette.yellow("suspended")): declares \(t.declared.map(\.rawValue).joined(separator: ", ")) but holds none:\n"
                for r in t.suspended { out += "    \(Self.t(r))\n" }
            }
        }
        let width = a.projects.map(\.project.count).max() ?? 0
        for p in a.projects {
            let padded = t(p.project) + String(repeating: " ", count: width - p.project.count)
            var role = p.role.rawValue
            if p.role.isTemplateRole { role += " [\(t(p.templates.joined(separator: ", ")))]" }
            out += "  \(padded)  \(palette.green(role))  \(p.permissions.map { $0.permission.rawValue + ($0.grant.templates == nil ? "" : "*") }.joined(separator: ", "))\n"
            for chain in p.chains { out += "  \(String(repeating: " ", count: width))    via \(t(chain))\n" }
            for (permission, grant) in p.permissions where !grant.chains.allSatisfy({ p.chains.contains($0) }) {
                for chain in grant.chains where !p.chains.contains(chain) {
                    out += "  \(String(repeating: " ", count: width))    \(permission.rawValue) via \(t(chain))\n"
                }
            }
        }
        for bulk in a.elsewhere {
            let scope = a.projects.isEmpty ? "" : "other "
            let what = bulk.source == .orgRole ? "as org \(a.orgRole?.rawValue ?? "")" : "by default"
            let via = bulk.chain.map { " (\(t($0)))" } ?? " (each project's access.default)"
            out += "  \(palette.green(bulk.role.rawValue)) on \(bulk.count == 1 ? "1 \(scope)project" : "\(bulk.count) \(scope)projects") \(what)\(palette.dim(via))\n"
        }
        if a.projects.isEmpty && a.elsewhere.isEmpty && a.token == nil {
            out += "  no project access\n"
        }
        return out
    }

    public static func explainText(subject: Subject, capability: Capability, on project: String?, evaluation: Evaluation, palette: Palette) -> String {
        var on = project.map { " on \(t($0))" } ?? ""
        if let environment = evaluation.environment { on += " in \(environment.rawValue)" }
        var out: String
        if evaluation.granted {
            out = "\(palette.bold(t(subject.description))) \(palette.green("can")) \(capability)\(on)\n"
            for chain in evaluation.chains { out += "  via \(t(chain))\n" }
        } else {
            out = "\(palette.bold(t(subject.description))) \(palette.red("cannot")) \(capability)\(on)\n"
            for r in evaluation.reasons { out += "  because \(t(r))\n" }
            for chain in evaluation.chains { out += "  (has \(t(chain)))\n" }
        }
        return out
    }

    /// A table of holders; token scopes add an ENVIRONMENT column (a token holds its
    /// scopes in its own environment only).
    public static func whoCanText(_ holders: [Holder], capability: Capability, on project: String?,
                                  environment: Environment? = nil, palette: Palette) -> String {
        let question = "\(capability)" + (project.map { " on \(t($0))" } ?? "") + (environment.map { " in \($0.rawValue)" } ?? "")
        guard !holders.isEmpty else { return "nobody can \(question)\n" }
        let rows = holders.map { h -> [String] in
            var role = h.role
            if let t = h.templates { role += " [\(t.joined(separator: ", "))]" }
            return [h.subject.description, h.project ?? "", h.environment?.rawValue ?? "", role, h.chain.description].map(t)
        }
        let header = ["SUBJECT", "PROJECT", "ENVIRONMENT", "ROLE", "VIA"]
        var columns = [0, 1, 2, 3, 4]
        if !holders.contains(where: { $0.environment != nil }) { columns.removeAll { $0 == 2 } }
        if !holders.contains(where: { $0.project != nil }) { columns.removeAll { $0 == 1 } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows + [header] { for c in header.indices { widths[c] = max(widths[c], row[c].count) } }
        func line(_ row: [String]) -> String {
            columns.map { c in c == columns.last ? row[c] : row[c] + String(repeating: " ", count: widths[c] - row[c].count) }
                .joined(separator: "  ")
        }
        var out = palette.bold(line(header)) + "\n"
        for row in rows { out += line(row) + "\n" }
        out += "\(counted(holders.count, "subject")) can \(question)\n"
        return out
    }
}
