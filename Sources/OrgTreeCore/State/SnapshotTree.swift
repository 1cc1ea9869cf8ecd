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
        func grouped<Row>(_ rows: [Row], by field: (Row) -> String) -> [String: [Row]] {
            Dictionary(grouping: rows, by: field)
        }

        if let org = snapshot.organization.first {
            var y = YAMLText()
            y.line("id: \(org.id)")
            y.line("name: \(quote(org.name))")
            y.line("createdBy: \(org.createdBy)")
            y.line("plan:")
            y.line("  name: \(quote(org.planName))")
            y.line("  projects: \(org.planProjects.isEmpty ? "0" : org.planProjects)")
            if !org.planExtraProjects.isEmpty { y.line("  extraProjects: \(org.planExtraProjects)") }
            if !org.agreement.isEmpty { y.line("  agreement: \(org.agreement)") }
            if !org.paymentMethod.isEmpty || !org.invoiceEmail.isEmpty {
                y.line("billing:")
                if !org.paymentMethod.isEmpty { y.line("  paymentMethod: \(org.paymentMethod)") }
                if !org.invoiceEmail.isEmpty { y.line("  invoiceEmail: \(quote(org.invoiceEmail))") }
            }
            let roles = snapshot.orgRoles
            y.line("roles:")
            y.line("  owners: \(flow(roles.filter { $0.role == "owner" }.map(\.person)))")
            let admins = roles.filter { $0.role == "admin" }.map(\.person)
            if !admins.isEmpty { y.line("  admins: \(flow(admins))") }
            let grants = grouped(snapshot.orgGrants, by: \.permission)
            if !grants.isEmpty {
                y.line("permissions:")
                for permission in grants.keys.sorted() {
                    y.line("  \(permission): \(flow(grants[permission]!.map(\.person)))")
                }
            }
            if !org.defaultProjectRole.isEmpty {
                y.line("defaults:")
                y.line("  projectRole: \(org.defaultProjectRole)")
            }
            files["organization.yaml"] = y.text
        }

        func person(_ v: PersonProfile) -> String {
            var y = YAMLText()
            y.line("firstName: \(quote(v.firstName))")
            y.line("lastName: \(quote(v.lastName))")
            y.line("email: \(quote(v.email))")
            y.line("tfa:")
            y.line("  method: \(v.tfaMethod)")
            if !v.mobile.isEmpty { y.line("  mobile: \(quote(v.mobile))") }
            if !v.facebookID.isEmpty { y.line("facebookId: \(quote(v.facebookID))") }
            if !v.slackID.isEmpty { y.line("slackId: \(quote(v.slackID))") }
            if !v.jobTitle.isEmpty { y.line("jobTitle: \(quote(v.jobTitle))") }
            return y.text
        }
        for r in snapshot.people { files["people/\(r.id).yaml"] = person(r.profile) }
        for r in snapshot.agencyPeople { files["partners/\(r.agency)/people/\(r.id).yaml"] = person(r.profile) }

        let members = grouped(snapshot.teamMembers, by: \.team), includes = grouped(snapshot.teamIncludes, by: \.team)
        for r in snapshot.teams {
            var y = YAMLText()
            y.line("name: \(quote(r.name))")
            if let m = members[r.id] { y.line("members: \(flow(m.map(\.person)))") }
            if let i = includes[r.id] { y.line("includes: \(flow(i.map(\.included)))") }
            files["teams/\(r.id).yaml"] = y.text
        }

        let environments = grouped(snapshot.projectEnvironments, by: \.project), people = grouped(snapshot.projectPeople, by: \.project)
        let templates = grouped(snapshot.projectTemplates, by: \.project), teams = grouped(snapshot.projectTeams, by: \.project)
        let agents = grouped(snapshot.handoverAgents, by: \.project), facebook = grouped(snapshot.facebookAdmins, by: \.project)
        let partners = grouped(snapshot.projectPartners, by: \.project), agencyRoles = grouped(snapshot.agencyRoles, by: \.project)
        for r in snapshot.projects {
            let id = r.id
            var y = YAMLText()
            y.line("name: \(quote(r.name))")
            if let e = environments[id] {
                let order = e.map(\.environment).sorted { (Environment(rawValue: $0) ?? .production) < (Environment(rawValue: $1) ?? .production) }
                y.line("environments: \(flow(order))")
            }
            if !r.defaultRole.isEmpty || people[id] != nil || teams[id] != nil || templates[id] != nil {
                y.line("access:")
                if !r.defaultRole.isEmpty { y.line("  default: \(r.defaultRole)") }
                if let p = people[id] {
                    y.line("  people:")
                    for e in p { y.line("    \(e.person): \(e.setting)") }
                }
                if let t = teams[id] {
                    y.line("  teams:")
                    for e in t { y.line("    \(e.team): \(e.role)") }
                }
                if let t = templates[id] {
                    y.line("  templates:")
                    for e in t {
                        y.line("    \(e.person):")
                        y.line("      role: \(e.role)")
                        y.line("      templates: [\(ListCoding.decode(e.templates).map(quote).joined(separator: ", "))]")
                    }
                }
            }
            if !r.handoverSlack.isEmpty || agents[id] != nil {
                y.line("handover:")
                if !r.handoverSlack.isEmpty { y.line("  slack: \(r.handoverSlack)") }
                if let a = agents[id] { y.line("  agents: \(flow(a.map(\.subject)))") }
            }
            if let f = facebook[id] {
                y.line("facebookAnalytics:")
                y.line("  admins: \(flow(f.map(\.subject)))")
            }
            if let p = partners[id] {
                y.line("partners:")
                for e in p {
                    y.line("  \(e.agency):")
                    y.line("    enabled: \(e.enabled.isEmpty ? "false" : e.enabled)")
                    let roles = (agencyRoles[id] ?? []).filter { $0.subject.hasPrefix(e.agency + "/") }
                    if !roles.isEmpty {
                        y.line("    people:")
                        for role in roles { y.line("      \(role.subject): \(role.role)") }
                    }
                }
            }
            files["projects/\(id)/project.yaml"] = y.text
        }
        for (id, tokens) in grouped(snapshot.tokens, by: \.project) {
            var y = YAMLText()
            y.line("tokens:")
            for t in tokens {
                y.line("  \(t.id):")
                y.line("    owner: \(t.owner)")
                y.line("    environment: \(t.environment)")
                y.line("    scopes: [\(ListCoding.decode(t.scopes).joined(separator: ", "))]")
                y.line("    expires: \(t.expires)")
            }
            files["projects/\(id)/tokens.yaml"] = y.text
        }

        let activations = grouped(snapshot.activations, by: \.agency)
        for r in snapshot.agencies {
            var y = YAMLText()
            y.line("name: \(quote(r.name))")
            y.line("status: \(r.status)")
            y.line("owner: \(r.owner)")
            if let a = activations[r.id] {
                y.line("activations:")
                let byProject = Dictionary(grouping: a, by: \.project)
                for project in byProject.keys.sorted() {
                    y.line("  \(project): \(flow(byProject[project]!.map(\.person)))")
                }
            }
            files["partners/\(r.id)/partner.yaml"] = y.text
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
