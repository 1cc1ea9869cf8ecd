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
            var y = YAMLWriter()
            y.field("id", .plain(org[0]))
            y.field("name", .quoted(org[1]))
            y.field("createdBy", .plain(org[2]))
            y.mapping("plan") { y in
                y.field("name", .quoted(org[3]))
                y.field("projects", .plain(org[4].isEmpty ? "0" : org[4]))
                if !org[5].isEmpty { y.field("extraProjects", .plain(org[5])) }
                if !org[6].isEmpty { y.field("agreement", .plain(org[6])) }
            }
            if !org[7].isEmpty || !org[8].isEmpty {
                y.mapping("billing") { y in
                    if !org[7].isEmpty { y.field("paymentMethod", .plain(org[7])) }
                    if !org[8].isEmpty { y.field("invoiceEmail", .quoted(org[8])) }
                }
            }
            let roles = rows(StoreTables.orgRoles)
            y.mapping("roles") { y in
                y.flowList("owners", plainScalars(roles.filter { $0[1] == "owner" }.map { $0[0] }))
                let admins = roles.filter { $0[1] == "admin" }.map { $0[0] }
                if !admins.isEmpty { y.flowList("admins", plainScalars(admins)) }
            }
            let grants = grouped(StoreTables.orgGrants, by: 1)
            if !grants.isEmpty {
                y.mapping("permissions") { y in
                    for permission in grants.keys.sorted() {
                        y.flowList(permission, plainScalars(grants[permission]!.map { $0[0] }))
                    }
                }
            }
            if !org[9].isEmpty {
                y.mapping("defaults") { y in y.field("projectRole", .plain(org[9])) }
            }
            files["organization.yaml"] = y.text
        }

        func person(_ r: ArraySlice<String>) -> String {
            let v = Array(r)
            var y = YAMLWriter()
            y.field("firstName", .quoted(v[0]))
            y.field("lastName", .quoted(v[1]))
            y.field("email", .quoted(v[2]))
            y.mapping("tfa") { y in
                y.field("method", .plain(v[3]))
                if !v[4].isEmpty { y.field("mobile", .quoted(v[4])) }
            }
            if !v[5].isEmpty { y.field("facebookId", .quoted(v[5])) }
            if !v[6].isEmpty { y.field("slackId", .quoted(v[6])) }
            if !v[7].isEmpty { y.field("jobTitle", .quoted(v[7])) }
            return y.text
        }
        for r in rows(StoreTables.people) { files["people/\(r[0]).yaml"] = person(r[1...]) }
        for r in rows(StoreTables.agencyPeople) { files["partners/\(r[0])/people/\(r[1]).yaml"] = person(r[2...]) }

        let members = grouped(StoreTables.teamMembers), includes = grouped(StoreTables.teamIncludes)
        for r in rows(StoreTables.teams) {
            var y = YAMLWriter()
            y.field("name", .quoted(r[1]))
            if let m = members[r[0]] { y.flowList("members", plainScalars(m.map { $0[1] })) }
            if let i = includes[r[0]] { y.flowList("includes", plainScalars(i.map { $0[1] })) }
            files["teams/\(r[0]).yaml"] = y.text
        }

        let environments = grouped(StoreTables.projectEnvironments), people = grouped(StoreTables.projectPeople)
        let templates = grouped(StoreTables.projectTemplates), teams = grouped(StoreTables.projectTeams)
        let agents = grouped(StoreTables.handoverAgents), facebook = grouped(StoreTables.facebookAdmins)
        let partners = grouped(StoreTables.projectPartners), agencyRoles = grouped(StoreTables.agencyRoles)
        for r in rows(StoreTables.projects) {
            let id = r[0]
            var y = YAMLWriter()
            y.field("name", .quoted(r[1]))
            if let e = environments[id] {
                let order = e.map { $0[1] }.sorted { (Environment(rawValue: $0) ?? .production) < (Environment(rawValue: $1) ?? .production) }
                y.flowList("environments", plainScalars(order))
            }
            // The store keeps template grants, not the project's list of declared templates:
            // the templates the grants name are declared, so the tree reads back valid.
            if let t = templates[id] {
                let names = Set(t.flatMap { ListCoding.decode($0[3]) }).sorted()
                y.flowList("templates", names.map(YAMLWriter.Scalar.quoted))
            }
            if !r[2].isEmpty || people[id] != nil || teams[id] != nil || templates[id] != nil {
                y.mapping("access") { y in
                    if !r[2].isEmpty { y.field("default", .plain(r[2])) }
                    if let p = people[id] {
                        y.mapping("people") { y in for e in p { y.field(e[1], .plain(e[2])) } }
                    }
                    if let t = teams[id] {
                        y.mapping("teams") { y in for e in t { y.field(e[1], .plain(e[2])) } }
                    }
                    if let t = templates[id] {
                        y.mapping("templates") { y in
                            for e in t {
                                y.mapping(e[1]) { y in
                                    y.field("role", .plain(e[2]))
                                    y.flowList("templates", ListCoding.decode(e[3]).map(YAMLWriter.Scalar.quoted))
                                }
                            }
                        }
                    }
                }
            }
            if !r[3].isEmpty || agents[id] != nil {
                y.mapping("handover") { y in
                    if !r[3].isEmpty { y.field("slack", .plain(r[3])) }
                    if let a = agents[id] { y.flowList("agents", plainScalars(a.map { $0[1] })) }
                }
            }
            if let f = facebook[id] {
                y.mapping("facebookAnalytics") { y in y.flowList("admins", plainScalars(f.map { $0[1] })) }
            }
            if let p = partners[id] {
                y.mapping("partners") { y in
                    for e in p {
                        y.mapping(e[1]) { y in
                            y.field("enabled", .plain(e[2].isEmpty ? "false" : e[2]))
                            let roles = (agencyRoles[id] ?? []).filter { $0[1].hasPrefix(e[1] + "/") }
                            if !roles.isEmpty {
                                y.mapping("people") { y in for role in roles { y.field(role[1], .plain(role[2])) } }
                            }
                        }
                    }
                }
            }
            files["projects/\(id)/project.yaml"] = y.text
        }
        for (id, tokens) in grouped(StoreTables.tokens) {
            var y = YAMLWriter()
            y.mapping("tokens") { y in
                for t in tokens {
                    y.mapping(t[1]) { y in
                        y.field("owner", .plain(t[3]))
                        y.field("environment", .plain(t[2]))
                        y.flowList("scopes", plainScalars(ListCoding.decode(t[4])))
                        y.field("expires", .plain(t[5]))
                    }
                }
            }
            files["projects/\(id)/tokens.yaml"] = y.text
        }

        let activations = grouped(StoreTables.activations)
        for r in rows(StoreTables.agencies) {
            var y = YAMLWriter()
            y.field("name", .quoted(r[1]))
            y.field("status", .plain(r[2]))
            y.field("owner", .plain(r[3]))
            if let a = activations[r[0]] {
                y.mapping("activations") { y in
                    let byProject = Dictionary(grouping: a, by: { $0[1] })
                    for project in byProject.keys.sorted() {
                        y.flowList(project, plainScalars(byProject[project]!.map { $0[2] }))
                    }
                }
            }
            files["partners/\(r[0])/partner.yaml"] = y.text
        }
        return files.keys.sorted().map { ($0, files[$0]!) }
    }

    /// Ids, scopes, environments: each written as it is.
    private static func plainScalars(_ values: [String]) -> [YAMLWriter.Scalar] { values.map(YAMLWriter.Scalar.plain) }
}
