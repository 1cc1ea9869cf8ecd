/// The rows a tree puts in the state store: every table of `StoreTables`, rows sorted by
/// key. Pure: built from a tree and its access engine, or read back from a store.
public struct StoreSnapshot: Sendable, Equatable {
    public typealias Row = [String]

    /// Table name → rows sorted by their key. Built from a tree, the per-subject
    /// effective tables are empty: `EffectiveRowBuilder` gives them subject by subject.
    public var tables: [String: [Row]]

    public init(tables: [String: [Row]] = [:]) {
        self.tables = tables
        for table in StoreTables.all where self.tables[table.name] == nil { self.tables[table.name] = [] }
    }

    public func rows(_ table: StoreTable) -> [Row] { tables[table.name] ?? [] }

    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// Sorts every table's rows by key (and then whole row), for stable comparison.
    public mutating func normalize() {
        for table in StoreTables.all {
            let k = table.keyCount
            let inOrder: (Row, Row) -> Bool = {
                let a = $0.prefix(k), b = $1.prefix(k)
                return a != b ? a.lexicographicallyPrecedes(b) : $0.lexicographicallyPrecedes($1)
            }
            let rows = tables[table.name] ?? []
            // Most tables arrive in order; checking is linear, sorting is not.
            if !zip(rows, rows.dropFirst()).allSatisfy({ !inOrder($1, $0) }) {
                tables[table.name] = rows.sorted(by: inOrder)
            }
        }
    }

    /// The rows of a tree as the store keeps them, but for the per-subject effective rows.
    public init(tree: OrgTree, engine: AccessEngine) {
        var t: [String: [Row]] = [:]
        func add(_ table: StoreTable, _ row: Row) { t[table.name, default: []].append(row) }
        func text(_ value: Located<String>?) -> String { value?.value ?? "" }

        if let org = tree.organization {
            add(StoreTables.organization, [
                text(org.id), text(org.name), text(org.createdBy), text(org.plan?.name),
                org.plan?.projects.map { String($0.value) } ?? "", org.plan?.extraProjects.map { String($0.value) } ?? "",
                org.plan?.agreement?.value.rawValue ?? "", org.billing?.paymentMethod?.value.rawValue ?? "",
                text(org.billing?.invoiceEmail), org.defaultProjectRole?.value.description ?? "",
            ])
            for o in org.owners { add(StoreTables.orgRoles, [o.value, "owner"]) }
            for a in org.admins where !org.owners.contains(where: { $0.value == a.value }) {
                add(StoreTables.orgRoles, [a.value, "admin"])
            }
            for (permission, people) in org.permissions {
                for p in people { add(StoreTables.orgGrants, [p.value, permission.value.rawValue]) }
            }
        }
        func personRow(_ p: PersonDocument) -> Row {
            [text(p.firstName), text(p.lastName), text(p.email), p.tfaMethod?.value.rawValue ?? "",
             text(p.mobile), text(p.facebookID), text(p.slackID), text(p.jobTitle)]
        }
        for id in tree.personIDs { add(StoreTables.people, [id] + personRow(tree.people[id]!)) }
        for id in tree.teamIDs {
            let team = tree.teams[id]!
            add(StoreTables.teams, [id, text(team.name)])
            for m in team.members { add(StoreTables.teamMembers, [id, m.value]) }
            for i in team.includes { add(StoreTables.teamIncludes, [id, i.value]) }
        }
        for id in tree.projectIDs {
            let p = tree.projects[id]!
            add(StoreTables.projects, [id, text(p.name), p.accessDefault?.value.description ?? "",
                                       p.handoverSlack.map { String($0.value) } ?? ""])
            for e in p.environments { add(StoreTables.projectEnvironments, [id, e.value.rawValue]) }
            for (person, setting) in p.people { add(StoreTables.projectPeople, [id, person.value, setting.value.description]) }
            for g in p.templates {
                add(StoreTables.projectTemplates, [id, g.person.value, g.role?.value.rawValue ?? "", ListCoding.encode(g.templates.map(\.value))])
            }
            for (team, role) in p.teams { add(StoreTables.projectTeams, [id, team.value, role.value.rawValue]) }
            for a in p.handoverAgents { add(StoreTables.handoverAgents, [id, a.value]) }
            for a in p.facebookAdmins { add(StoreTables.facebookAdmins, [id, a.value]) }
            for partner in p.partners {
                add(StoreTables.projectPartners, [id, partner.agency.value, partner.enabled.map { String($0.value) } ?? ""])
                for (subject, role) in partner.people { add(StoreTables.agencyRoles, [id, subject.value, role.value.rawValue]) }
            }
        }
        for id in tree.partnerIDs {
            let partner = tree.partners[id]!
            add(StoreTables.agencies, [id, text(partner.name), partner.status?.value.rawValue ?? "", text(partner.owner)])
            for (project, people) in partner.activations {
                for p in people { add(StoreTables.activations, [id, project.value, p.value]) }
            }
        }
        for agency in tree.agencyPeople.keys.sorted() {
            for (id, person) in tree.agencyPeople[agency]! { add(StoreTables.agencyPeople, [agency, id] + personRow(person)) }
        }
        for project in tree.tokens.keys.sorted() {
            for token in tree.tokens[project]! {
                add(StoreTables.tokens, [project, token.id.value, token.environment?.value.rawValue ?? "", text(token.owner),
                                         ListCoding.encode(token.scopes.map(\.value.rawValue)), token.expires?.value.description ?? ""])
            }
        }

        for id in tree.projectIDs {
            guard let role = engine.defaultSetting(on: id).setting.role else { continue }
            for permission in EffectiveRole(role).basePermissions {
                add(StoreTables.defaultPermissions, [id, permission.rawValue, role.rawValue])
            }
        }
        self.init(tables: t)
        normalize()
    }
}
