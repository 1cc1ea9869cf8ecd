/// Writes a tree (file path → YAML text) from store rows: the inverse of
/// `StoreSnapshot(tree:engine:)` for everything the tree holds but assertions and
/// comments. Ids are written plain; every other text is double-quoted, so no reader
/// of YAML 1.1 or 1.2 can mistake it for another type.
public enum SnapshotTree {
    /// The tree those files make (decoded on all cores), for comparing a store with a tree.
    public static func tree(from snapshot: StoreSnapshot) -> OrgTree {
        let decoder = DocumentDecoder()
        let parsed = ConcurrentMap.map(files(from: snapshot)) { decoder.decode(path: $0.path, bytes: Array($0.text.utf8)) }
        return OrgTree.assemble(parsed).tree
    }

    public static func files(from snapshot: StoreSnapshot) -> [(path: String, text: String)] {
        var files: [String: String] = [:]
        func rows(_ t: StoreTable) -> [StoreSnapshot.Row] { snapshot.rows(t) }
        func grouped(_ t: StoreTable, by column: Int = 0) -> [String: [StoreSnapshot.Row]] {
            Dictionary(grouping: rows(t), by: { $0[column] })
        }

        if let org = rows(StoreTables.organization).first {
            var y = YAMLText()
            y.line("id: \(org[0])")
            y.line("name: \(quote(org[1]))")
            y.line("createdBy: \(org[2])")
            y.line("plan:")
            y.line("  name: \(quote(org[3]))")
            y.line("  projects: \(org[4].isEmpty ? "0" : org[4])")
            if !org[5].isEmpty { y.line("  extraProjects: \(org[5])") }
            if !org[6].isEmpty { y.line("  agreement: \(org[6])") }
            if !org[7].isEmpty || !org[8].isEmpty {
                y.line("billing:")
                if !org[7].isEmpty { y.line("  paymentMethod: \(org[7])") }
                if !org[8].isEmpty { y.line("  invoiceEmail: \(quote(org[8]))") }
            }
            let roles = rows(StoreTables.orgRoles)
            y.line("roles:")
            y.line("  owners: \(flow(roles.filter { $0[1] == "owner" }.map { $0[0] }))")
            let admins = roles.filter { $0[1] == "admin" }.map { $0[0] }
            if !admins.isEmpty { y.line("  admins: \(flow(admins))") }
            let grants = grouped(StoreTables.orgGrants, by: 1)
            if !grants.isEmpty {
                y.line("permissions:")
                for permission in grants.keys.sorted() {
                    y.line("  \(permission): \(flow(grants[permission]!.map { $0[0] }))")
                }
            }
            if !org[9].isEmpty {
                y.line("defaults:")
                y.line("  projectRole: \(org[9])")
            }
            files["organization.yaml"] = y.text
        }

        func person(_ r: ArraySlice<String>) -> String {
            let v = Array(r)
            var y = YAMLText()
            y.line("firstName: \(quote(v[0]))")
            y.line("lastName: \(quote(v[1]))")
            y.line("email: \(quote(v[2]))")
            y.line("tfa:")
            y.line("  method: \(v[3])")
            if !v[4].isEmpty { y.line("  mobile: \(quote(v[4]))") }
            if !v[5].isEmpty { y.line("facebookId: \(quote(v[5]))") }
            if !v[6].isEmpty { y.line("slackId: \(quote(v[6]))") }
            if !v[7].isEmpty { y.line("jobTitle: \(quote(v[7]))") }
            return y.text
        }
        for r in rows(StoreTables.people) { files["people/\(r[0]).yaml"] = person(r[1...]) }
        for r in rows(StoreTables.agencyPeople) { files["partners/\(r[0])/people/\(r[1]).yaml"] = person(r[2...]) }

        let members = grouped(StoreTables.teamMembers), includes = grouped(StoreTables.teamIncludes)
        for r in rows(StoreTables.teams) {
            var y = YAMLText()
            y.line("name: \(quote(r[1]))")
            if let m = members[r[0]] { y.line("members: \(flow(m.map { $0[1] }))") }
            if let i = includes[r[0]] { y.line("includes: \(flow(i.map { $0[1] }))") }
            files["teams/\(r[0]).yaml"] = y.text
        }

        let environments = grouped(StoreTables.projectEnvironments), people = grouped(StoreTables.projectPeople)
        let templates = grouped(StoreTables.projectTemplates), teams = grouped(StoreTables.projectTeams)
        let agents = grouped(StoreTables.handoverAgents), facebook = grouped(StoreTables.facebookAdmins)
        let partners = grouped(StoreTables.projectPartners), agencyRoles = grouped(StoreTables.agencyRoles)
        for r in rows(StoreTables.projects) {
            let id = r[0]
            var y = YAMLText()
            y.line("name: \(quote(r[1]))")
            if let e = environments[id] {
                let order = e.map { $0[1] }.sorted { (Environment(rawValue: $0) ?? .production) < (Environment(rawValue: $1) ?? .production) }
                y.line("environments: \(flow(order))")
            }
            if !r[2].isEmpty || people[id] != nil || teams[id] != nil || templates[id] != nil {
                y.line("access:")
                if !r[2].isEmpty { y.line("  default: \(r[2])") }
                if let p = people[id] {
                    y.line("  people:")
                    for e in p { y.line("    \(e[1]): \(e[2])") }
                }
                if let t = teams[id] {
                    y.line("  teams:")
                    for e in t { y.line("    \(e[1]): \(e[2])") }
                }
                if let t = templates[id] {
                    y.line("  templates:")
                    for e in t {
                        y.line("    \(e[1]):")
                        y.line("      role: \(e[2])")
                        y.line("      templates: [\(ListCoding.decode(e[3]).map(quote).joined(separator: ", "))]")
                    }
                }
            }
            if !r[3].isEmpty || agents[id] != nil {
                y.line("handover:")
                if !r[3].isEmpty { y.line("  slack: \(r[3])") }
                if let a = agents[id] { y.line("  agents: \(flow(a.map { $0[1] }))") }
            }
            if let f = facebook[id] {
                y.line("facebookAnalytics:")
                y.line("  admins: \(flow(f.map { $0[1] }))")
            }
            if let p = partners[id] {
                y.line("partners:")
                for e in p {
                    y.line("  \(e[1]):")
                    y.line("    enabled: \(e[2].isEmpty ? "false" : e[2])")
                    let roles = (agencyRoles[id] ?? []).filter { $0[1].hasPrefix(e[1] + "/") }
                    if !roles.isEmpty {
                        y.line("    people:")
                        for role in roles { y.line("      \(role[1]): \(role[2])") }
                    }
                }
            }
            files["projects/\(id)/project.yaml"] = y.text
        }
        for (id, tokens) in grouped(StoreTables.tokens) {
            var y = YAMLText()
            y.line("tokens:")
            for t in tokens {
                y.line("  \(t[1]):")
                y.line("    owner: \(t[3])")
                y.line("    environment: \(t[2])")
                y.line("    scopes: [\(ListCoding.decode(t[4]).joined(separator: ", "))]")
                y.line("    expires: \(t[5])")
            }
            files["projects/\(id)/tokens.yaml"] = y.text
        }

        let activations = grouped(StoreTables.activations)
        for r in rows(StoreTables.agencies) {
            var y = YAMLText()
            y.line("name: \(quote(r[1]))")
            y.line("status: \(r[2])")
            y.line("owner: \(r[3])")
            if let a = activations[r[0]] {
                y.line("activations:")
                let byProject = Dictionary(grouping: a, by: { $0[1] })
                for project in byProject.keys.sorted() {
                    y.line("  \(project): \(flow(byProject[project]!.map { $0[2] }))")
                }
            }
            files["partners/\(r[0])/partner.yaml"] = y.text
        }
        return files.keys.sorted().map { ($0, files[$0]!) }
    }

    private struct YAMLText {
        var text = ""
        mutating func line(_ s: String) { text += s + "\n" }
    }

    private static func flow(_ ids: [String]) -> String { "[" + ids.joined(separator: ", ") + "]" }

    /// A double-quoted YAML scalar.
    static func quote(_ s: String) -> String { Quoting.quoted(s, .yaml) }
}
