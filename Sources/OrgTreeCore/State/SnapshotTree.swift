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

    /// An id read from the store that would become a file or folder name but does not
    /// match `Identifier.pattern` (`../../x` would write outside the tree's folder).
    public struct InvalidPathID: Error, CustomStringConvertible, Sendable {
        public var table: String
        /// The row's key columns and values.
        public var row: [(column: String, value: String)]
        public var id: String

        public var description: String {
            let key = row.map { "\($0.column) '\($0.value)'" }.joined(separator: ", ")
            return "the store's \(table) row (\(key)) has '\(id)', which is not a valid id: "
                + "ids are 1–63 lowercase letters, digits and '-', starting with a letter or digit; "
                + "it is not written as a path"
        }
    }

    /// The files, once every id that names a file or folder is checked; the first that
    /// is not an id is refused.
    public static func checkedFiles(from snapshot: StoreSnapshot) throws(InvalidPathID) -> [(path: String, text: String)] {
        func check<Row: StoreRow>(_ rows: [Row], _ columns: [String], _ ids: (Row) -> [String]) throws(InvalidPathID) {
            for row in rows {
                let values = ids(row)
                if let bad = values.first(where: { !Identifier.isValid($0) }) {
                    throw InvalidPathID(table: Row.table.name, row: Array(zip(columns, values)).map { (column: $0.0, value: $0.1) }, id: bad)
                }
            }
        }
        try check(snapshot.people, ["id"]) { [$0.id] }
        try check(snapshot.agencyPeople, ["agency", "id"]) { [$0.agency, $0.id] }
        try check(snapshot.teams, ["id"]) { [$0.id] }
        try check(snapshot.projects, ["id"]) { [$0.id] }
        try check(snapshot.tokens, ["project", "id"]) { [$0.project, $0.id] }
        try check(snapshot.agencies, ["id"]) { [$0.id] }
        return files(from: snapshot)
    }

    /// The files, their paths made of the rows' ids as they are: for reading back in
    /// memory; `checkedFiles(from:)` for writing them.
    public static func files(from snapshot: StoreSnapshot) -> [(path: String, text: String)] {
        var files: [String: String] = [:]
        func grouped<Row>(_ rows: [Row], by field: (Row) -> String) -> [String: [Row]] {
            Dictionary(grouping: rows, by: field)
        }

        if let org = snapshot.organization.first {
            var y = YAMLWriter()
            y.field("id", .plain(org.id))
            y.field("name", .quoted(org.name))
            y.field("createdBy", .plain(org.createdBy))
            y.mapping("plan") { y in
                y.field("name", .quoted(org.planName))
                y.field("projects", .plain(org.planProjects.isEmpty ? "0" : org.planProjects))
                if !org.planExtraProjects.isEmpty { y.field("extraProjects", .plain(org.planExtraProjects)) }
                if !org.agreement.isEmpty { y.field("agreement", .plain(org.agreement)) }
            }
            if !org.paymentMethod.isEmpty || !org.invoiceEmail.isEmpty {
                y.mapping("billing") { y in
                    if !org.paymentMethod.isEmpty { y.field("paymentMethod", .plain(org.paymentMethod)) }
                    if !org.invoiceEmail.isEmpty { y.field("invoiceEmail", .quoted(org.invoiceEmail)) }
                }
            }
            let roles = snapshot.orgRoles
            y.mapping("roles") { y in
                y.flowList("owners", plainScalars(roles.filter { $0.role == "owner" }.map(\.person)))
                let admins = roles.filter { $0.role == "admin" }.map(\.person)
                if !admins.isEmpty { y.flowList("admins", plainScalars(admins)) }
            }
            let grants = grouped(snapshot.orgGrants, by: \.permission)
            if !grants.isEmpty {
                y.mapping("permissions") { y in
                    for permission in grants.keys.sorted() {
                        y.flowList(permission, plainScalars(grants[permission]!.map(\.person)))
                    }
                }
            }
            if !org.defaultProjectRole.isEmpty {
                y.mapping("defaults") { y in y.field("projectRole", .plain(org.defaultProjectRole)) }
            }
            files["organization.yaml"] = y.text
        }

        func person(_ v: PersonProfile) -> String {
            var y = YAMLWriter()
            y.field("firstName", .quoted(v.firstName))
            y.field("lastName", .quoted(v.lastName))
            y.field("email", .quoted(v.email))
            y.mapping("tfa") { y in
                y.field("method", .plain(v.tfaMethod))
                if !v.mobile.isEmpty { y.field("mobile", .quoted(v.mobile)) }
            }
            if !v.facebookID.isEmpty { y.field("facebookId", .quoted(v.facebookID)) }
            if !v.slackID.isEmpty { y.field("slackId", .quoted(v.slackID)) }
            if !v.jobTitle.isEmpty { y.field("jobTitle", .quoted(v.jobTitle)) }
            return y.text
        }
        for r in snapshot.people { files["people/\(r.id).yaml"] = person(r.profile) }
        for r in snapshot.agencyPeople { files["partners/\(r.agency)/people/\(r.id).yaml"] = person(r.profile) }

        let members = grouped(snapshot.teamMembers, by: \.team), includes = grouped(snapshot.teamIncludes, by: \.team)
        for r in snapshot.teams {
            var y = YAMLWriter()
            y.field("name", .quoted(r.name))
            if let m = members[r.id] { y.flowList("members", plainScalars(m.map(\.person))) }
            if let i = includes[r.id] { y.flowList("includes", plainScalars(i.map(\.included))) }
            files["teams/\(r.id).yaml"] = y.text
        }

        let environments = grouped(snapshot.projectEnvironments, by: \.project), people = grouped(snapshot.projectPeople, by: \.project)
        let declared = grouped(snapshot.declaredTemplates, by: \.project)
        let templates = grouped(snapshot.projectTemplates, by: \.project), teams = grouped(snapshot.projectTeams, by: \.project)
        let agents = grouped(snapshot.handoverAgents, by: \.project), facebook = grouped(snapshot.facebookAdmins, by: \.project)
        let partners = grouped(snapshot.projectPartners, by: \.project), agencyRoles = grouped(snapshot.agencyRoles, by: \.project)
        for r in snapshot.projects {
            let id = r.id
            var y = YAMLWriter()
            y.field("name", .quoted(r.name))
            if let e = environments[id] {
                let order = e.map(\.environment).sorted { (Environment(rawValue: $0) ?? .production) < (Environment(rawValue: $1) ?? .production) }
                y.flowList("environments", plainScalars(order))
            }
            // The declared templates; a store written before they were stored (schema 1)
            // has only its grants', which are declared, so the tree reads back valid.
            let names = declared[id].map { $0.map(\.template) }
                ?? templates[id].map { Set($0.flatMap { ListCoding.decode($0.templates) }).sorted() }
            if let names { y.flowList("templates", names.map(YAMLWriter.Scalar.quoted)) }
            if !r.defaultRole.isEmpty || people[id] != nil || teams[id] != nil || templates[id] != nil {
                y.mapping("access") { y in
                    if !r.defaultRole.isEmpty { y.field("default", .plain(r.defaultRole)) }
                    if let p = people[id] {
                        y.mapping("people") { y in for e in p { y.field(e.person, .plain(e.setting)) } }
                    }
                    if let t = teams[id] {
                        y.mapping("teams") { y in for e in t { y.field(e.team, .plain(e.role)) } }
                    }
                    if let t = templates[id] {
                        y.mapping("templates") { y in
                            for e in t {
                                y.mapping(e.person) { y in
                                    y.field("role", .plain(e.role))
                                    y.flowList("templates", ListCoding.decode(e.templates).map(YAMLWriter.Scalar.quoted))
                                }
                            }
                        }
                    }
                }
            }
            if !r.handoverSlack.isEmpty || agents[id] != nil {
                y.mapping("handover") { y in
                    if !r.handoverSlack.isEmpty { y.field("slack", .plain(r.handoverSlack)) }
                    if let a = agents[id] { y.flowList("agents", plainScalars(a.map(\.subject))) }
                }
            }
            if let f = facebook[id] {
                y.mapping("facebookAnalytics") { y in y.flowList("admins", plainScalars(f.map(\.subject))) }
            }
            if let p = partners[id] {
                y.mapping("partners") { y in
                    for e in p {
                        y.mapping(e.agency) { y in
                            y.field("enabled", .plain(e.enabled.isEmpty ? "false" : e.enabled))
                            let roles = (agencyRoles[id] ?? []).filter { $0.subject.hasPrefix(e.agency + "/") }
                            if !roles.isEmpty {
                                y.mapping("people") { y in for role in roles { y.field(role.subject, .plain(role.role)) } }
                            }
                        }
                    }
                }
            }
            files["projects/\(id)/project.yaml"] = y.text
        }
        for (id, tokens) in grouped(snapshot.tokens, by: \.project) {
            var y = YAMLWriter()
            y.mapping("tokens") { y in
                for t in tokens {
                    y.mapping(t.id) { y in
                        y.field("owner", .plain(t.owner))
                        y.field("environment", .plain(t.environment))
                        y.flowList("scopes", plainScalars(ListCoding.decode(t.scopes)))
                        y.field("expires", .plain(t.expires))
                    }
                }
            }
            files["projects/\(id)/tokens.yaml"] = y.text
        }

        let activations = grouped(snapshot.activations, by: \.agency)
        for r in snapshot.agencies {
            var y = YAMLWriter()
            y.field("name", .quoted(r.name))
            y.field("status", .plain(r.status))
            y.field("owner", .plain(r.owner))
            if let a = activations[r.id] {
                y.mapping("activations") { y in
                    let byProject = Dictionary(grouping: a, by: \.project)
                    for project in byProject.keys.sorted() {
                        y.flowList(project, plainScalars(byProject[project]!.map(\.person)))
                    }
                }
            }
            files["partners/\(r.id)/partner.yaml"] = y.text
        }
        return files.keys.sorted().map { ($0, files[$0]!) }
    }

    /// Ids, scopes, environments: each written as it is.
    private static func plainScalars(_ values: [String]) -> [YAMLWriter.Scalar] { values.map(YAMLWriter.Scalar.plain) }
}
