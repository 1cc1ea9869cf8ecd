/// Generates synthetic, valid organization trees (layout v1) for tests and
/// benchmarks: `orgtree generate --people N --projects M --out DIR --seed S`.
///
/// The output depends only on the options: the same options give byte-identical
/// files on every run and platform (a seeded xoshiro256** generator, iteration in
/// index order only, never over `Dictionary` or `Set` order). Every generated tree
/// satisfies every rule of SPEC §5 with no error and no warning as long as it is
/// evaluated on or after `today` and before the earliest token expiry (at least
/// one year after `today`):
/// - org owners and admins never appear in `access.people`, `access.templates` or
///   teams; org people in `access.templates` are never also in `access.people`;
/// - handover agents (Slack) all have a `slackId`; Facebook analytics admins all
///   have a `facebookId` and an explicit `editor`/`owner` role (agency people: an
///   `editor` partner role) on the project;
/// - token owners are explicit project owners or org owners/admins, token
///   environments are environments of the project;
/// - agency people get a role on a project exactly when the agency activated them
///   there (so the partner handshake is always complete);
/// - team `includes` only point to teams with a lower index (no cycles).
///
/// Pure: no I/O, standard library only.
public struct TreeGenerator: Sendable {
    public struct Options: Sendable, Equatable {
        /// Number of people of the organization (at least 1 is generated).
        public var people: Int
        /// Number of projects (0 or more).
        public var projects: Int
        public var seed: UInt64
        /// `YYYY-MM-DD`: token expiry dates are picked 1–3 years after this day.
        /// An unreadable value falls back to 2025-01-01.
        public var today: String

        public init(people: Int, projects: Int, seed: UInt64, today: String) {
            self.people = people
            self.projects = projects
            self.seed = seed
            self.today = today
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Every file of the tree: path relative to the tree root → file text (UTF-8).
    /// Sorted by path (byte order).
    public func files() -> [(path: String, contents: String)] {
        var builder = GeneratedTreeBuilder(options: options)
        builder.build()
        var out = builder.files
        out.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return out
    }
}

// MARK: - Model of the generated tree

private enum GenRole: Int {
    case owner, editor, reader, none

    var text: String {
        switch self {
        case .owner: return "owner"
        case .editor: return "editor"
        case .reader: return "reader"
        case .none: return "none"
        }
    }
}

private struct GenPerson {
    var firstName: String
    var lastName: String
    var email: String
    var mobile: String?  // set ⇔ tfa method sms
    var slackId: String?
    var facebookId: String?
    var jobTitle: String?
}

private struct GenTeam {
    var id: String
    var name: String
    var members: [Int]  // org person indices, ascending
    var includes: [Int]  // team indices, ascending, all lower than this team's
}

private struct GenTemplateEntry {
    var person: Int
    var editor: Bool
    var templates: [String]
}

private struct GenPartnerOnProject {
    var agency: Int
    var people: [(person: Int, role: GenRole)]  // agency person indices, ascending
}

private struct GenToken {
    var name: String
    var owner: Int  // org person index
    var environment: String
    var scopes: [String]
    var expires: String
}

private struct GenProject {
    var id: String
    var name: String
    var environments: [String]
    var defaultRole: GenRole?
    var people: [(person: Int, role: GenRole)] = []  // ascending person index
    var teams: [(team: Int, role: GenRole)] = []
    var templates: [GenTemplateEntry] = []
    var handoverAgents: [String] = []  // subjects; empty = no handover section
    var facebookAdmins: [String] = []  // subjects; empty = no facebookAnalytics section
    var partners: [GenPartnerOnProject] = []
    var tokens: [GenToken] = []
}

private struct GenAgency {
    var id: String
    var name: String
    var people: [GenPerson]
    var owner: Int
    var activations: [(project: Int, people: [Int])] = []  // ascending project index
}

private struct GenAssertion {
    var can: Bool
    var subject: String
    var permission: String
    var project: String?
}

// MARK: - Built-in word lists

private enum Words {
    static let firstNames = [
        "Ada", "Adrian", "Aisha", "Alex", "Amara", "Anna", "Ben", "Bruno", "Carla", "Chen",
        "Chloe", "Dana", "David", "Elena", "Emil", "Emma", "Fatima", "Felix", "Gina", "Hana",
        "Hugo", "Ines", "Ivan", "Jonas", "Julia", "Kai", "Lara", "Lena", "Leon", "Luca",
        "Maya", "Mateo", "Mia", "Nina", "Noah", "Nora", "Omar", "Oskar", "Paula", "Pia",
        "Priya", "Rafael", "Sara", "Sofia", "Tariq", "Theo", "Valentina", "Yusuf", "Zoë", "Jörg",
    ]
    static let lastNames = [
        "Adeyemi", "Berger", "Novak", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
        "Horvat", "Ivanova", "Jansen", "Kim", "Kowalski", "Lindqvist", "Martin", "Meyer",
        "Müller", "Nakamura", "Nguyen", "O'Brien", "Okafor", "Patel", "Petrov", "Rossi",
        "Santos", "Schmidt", "Silva", "Singh", "Tanaka", "Weber", "Wagner", "Yilmaz", "Zhang",
    ]
    static let jobTitles = [
        "Software Engineer", "Senior Software Engineer", "Conversation Designer",
        "Product Manager", "Data Analyst", "Support Agent", "Support Lead",
        "Engineering Manager", "Content Writer", "QA Engineer", "Head of Customer Care",
        "Marketing Manager", "Designer", "DevOps Engineer", "Chief Technology Officer",
    ]
    static let teamWords = [
        "Support", "Engineering", "Backend", "Frontend", "Content", "Analytics", "Marketing",
        "Sales", "Operations", "Design", "Quality", "Platform", "Mobile", "Data", "Escalation",
    ]
    static let projectWords = [
        "Helpdesk", "Shop", "Onboarding", "Internal FAQ", "Booking", "Billing help", "Returns",
        "Order tracking", "Recruiting", "IT service desk", "Travel", "Insurance claims",
        "Loyalty", "Survey", "Appointments",
    ]
    static let agencyWords = [
        "Pixel", "Birch", "Nimbus", "Quill", "Harbor", "Lumen", "Cobalt", "Meadow", "Orbit", "Saffron",
    ]
    static let agencySuffixes = ["Agency", "Studio", "Digital", "Partners"]
    static let templateNames = [
        "welcome-flow", "first-week-checklist", "policy-acknowledgement", "order-status",
        "refund-request", "opening-hours", "password-reset-help", "delivery-times",
        "feedback-survey", "escalation-notice", "holiday-greeting", "faq-fallback",
    ]
    // Token names are map keys: none of them may read like a credential key
    // (`access-token`, `secret`, ... would be `secret-in-tree`).
    static let tokenNames = [
        "ci-deploy", "content-sync", "nightly-export", "events-bridge", "search-index",
        "crm-sync", "staging-sync", "qa-runner",
    ]
    static let environments = ["sandbox", "development", "staging", "production"]
    static let scopes = ["content:read", "content:write", "analytics:read", "events:write"]
    /// (country and network prefix, digits after it): valid E.164 mobile numbers.
    static let mobilePrefixes: [(String, Int)] = [
        ("+49151", 8), ("+49160", 8), ("+49170", 8), ("+4477", 8), ("+336", 8), ("+1415", 7),
        ("+4369", 9), ("+3460", 7),
    ]
    static let slackAlphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
}

// MARK: - Builder

private struct GeneratedTreeBuilder {
    let options: Options
    var rng: SeededGenerator
    var files: [(path: String, contents: String)] = []

    typealias Options = TreeGenerator.Options

    let personCount: Int
    let projectCount: Int
    let personWidth: Int
    let projectWidth: Int

    var people: [GenPerson] = []
    var personIDs: [String] = []
    var owners: [Int] = []
    var admins: [Int] = []
    var privileged: [Int] = []  // owners ∪ admins, ascending
    var createdBy = 0
    var memberPool: [Int] = []  // neither owner nor admin, ascending
    var plainMember: Int?  // a member without any single org grant
    var grants: [(permission: String, people: [Int])] = []
    var teams: [GenTeam] = []
    var projects: [GenProject] = []
    var agencies: [GenAgency] = []
    var todayDay = 0

    init(options: Options) {
        self.options = options
        self.rng = SeededGenerator(seed: options.seed)
        personCount = max(1, options.people)
        projectCount = max(0, options.projects)
        personWidth = max(5, digitCount(personCount))
        projectWidth = max(4, digitCount(projectCount))
        todayDay = parseDay(options.today) ?? daysFromCivil(2025, 1, 1)
    }

    mutating func build() {
        files.reserveCapacity(personCount + 2 * projectCount + personCount / 100 + 64)
        makePeople()
        makeOrganization()
        makeTeams()
        makeProjects()
        makeAgencies()
        addAgencyPeopleToHandoverAndFacebook()
        makeTokens()
        renderAll()
    }

    // MARK: Random helpers

    /// `k` distinct values of `0..<n`, ascending.
    mutating func sample(_ k: Int, of n: Int) -> [Int] {
        if k <= 0 || n <= 0 { return [] }
        if k >= n { return Array(0..<n) }
        if k * 4 > n {
            var all = Array(0..<n)
            for i in 0..<k {
                all.swapAt(i, i + rng.index(n - i))
            }
            return all[0..<k].sorted()
        }
        // Floyd's algorithm; the set is only used for membership, never iterated.
        var chosen = Set<Int>(minimumCapacity: k)
        var out: [Int] = []
        out.reserveCapacity(k)
        for j in (n - k)..<n {
            let t = rng.int(0...j)
            if chosen.insert(t).inserted {
                out.append(t)
            } else {
                chosen.insert(j)
                out.append(j)
            }
        }
        out.sort()
        return out
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[rng.index(items.count)]
    }

    mutating func digits(_ count: Int) -> String {
        var s = ""
        s.reserveCapacity(count)
        for _ in 0..<count {
            s.unicodeScalars.append(Unicode.Scalar(UInt8(48 + rng.index(10))))
        }
        return s
    }

    mutating func person(email: String) -> GenPerson {
        let first = pick(Words.firstNames)
        let last = pick(Words.lastNames)
        var mobile: String?
        if rng.chance(35) {
            let (prefix, tail) = pick(Words.mobilePrefixes)
            mobile = prefix + digits(tail)
        }
        var slackId: String?
        if rng.chance(45) {
            var s = "U"
            for _ in 0..<10 { s.append(pick(Words.slackAlphabet)) }
            slackId = s
        }
        var facebookId: String?
        if rng.chance(25) {
            facebookId = "1000" + digits(11)
        }
        var jobTitle: String?
        if rng.chance(60) {
            jobTitle = pick(Words.jobTitles)
        }
        return GenPerson(
            firstName: first, lastName: last, email: email, mobile: mobile,
            slackId: slackId, facebookId: facebookId, jobTitle: jobTitle)
    }

    // MARK: People and organization

    mutating func makePeople() {
        people.reserveCapacity(personCount)
        personIDs.reserveCapacity(personCount)
        for i in 0..<personCount {
            let id = "p" + padded(i + 1, personWidth)
            personIDs.append(id)
            people.append(person(email: id + "@example.com"))
        }
    }

    mutating func makeOrganization() {
        let ownerCount = personCount >= 10 ? rng.int(2...3) : (personCount >= 4 ? 2 : 1)
        let adminCount = max(0, min(personCount / 500 + 1, personCount - ownerCount - 1))
        owners = sample(ownerCount, of: personCount)
        createdBy = pick(owners)
        var isOwner = [Bool](repeating: false, count: personCount)
        for o in owners { isOwner[o] = true }
        let nonOwners = (0..<personCount).filter { !isOwner[$0] }
        admins = sample(adminCount, of: nonOwners.count).map { nonOwners[$0] }
        var isPrivileged = isOwner
        for a in admins { isPrivileged[a] = true }
        privileged = (0..<personCount).filter { isPrivileged[$0] }
        memberPool = (0..<personCount).filter { !isPrivileged[$0] }

        guard !memberPool.isEmpty else { return }
        let plainIndex = rng.index(memberPool.count)
        plainMember = memberPool[plainIndex]
        var grantPool = memberPool
        grantPool.remove(at: plainIndex)
        // Canonical order of SPEC §3; billing.manage is granted to nobody.
        for permission in ["billing.read", "invoices.read", "members.invite", "partners.manage", "projects.create"] {
            if permission == "members.invite" && !rng.chance(50) { continue }
            let k = min(rng.int(1...3), grantPool.count)
            let chosen = sample(k, of: grantPool.count).map { grantPool[$0] }
            if !chosen.isEmpty { grants.append((permission, chosen)) }
        }
    }

    // MARK: Teams

    mutating func makeTeams() {
        let teamCount = max(1, personCount / 100)
        let width = max(3, digitCount(teamCount))
        teams.reserveCapacity(teamCount)
        for t in 0..<teamCount {
            let k = min(rng.int(20...80), memberPool.count)
            let members = sample(k, of: memberPool.count).map { memberPool[$0] }
            var includes: [Int] = []
            if t > 0 && rng.chance(25) {
                includes = sample(min(rng.int(1...2), t), of: t)
            }
            let word = Words.teamWords[t % Words.teamWords.count]
            teams.append(GenTeam(
                id: "team-" + padded(t + 1, width),
                name: word + " " + String(t / Words.teamWords.count + 1),
                members: members, includes: includes))
        }
    }

    // MARK: Projects

    mutating func makeProjects() {
        projects.reserveCapacity(projectCount)
        for p in 0..<projectCount {
            var environments: [String] = []
            if rng.chance(30) { environments.append("sandbox") }
            if rng.chance(60) { environments.append("development") }
            if rng.chance(60) { environments.append("staging") }
            environments.append("production")

            var defaultRole: GenRole?
            let d = rng.index(100)
            if d < 30 {
                defaultRole = nil
            } else if d < 60 {
                defaultRole = .reader
            } else if d < 75 {
                defaultRole = .editor
            } else {
                defaultRole = GenRole.none
            }

            let word = Words.projectWords[p % Words.projectWords.count]
            var project = GenProject(
                id: "proj-" + padded(p + 1, projectWidth),
                name: word + " assistant " + String(p + 1),
                environments: environments, defaultRole: defaultRole)

            // Explicit people (org members only: owners/admins must not be listed).
            let k = min(rng.int(3...15), memberPool.count)
            let chosen = sample(k, of: memberPool.count).map { memberPool[$0] }
            var listed = Set<Int>(chosen)
            for person in chosen {
                let r = rng.index(100)
                let role: GenRole = r < 15 ? .owner : r < 55 ? .editor : r < 95 ? .reader : .none
                project.people.append((person, role))
            }

            // Legacy template roles, for people not listed in `people`.
            if rng.chance(15) && memberPool.count > listed.count {
                let wanted = rng.int(1...2)
                var entries: [GenTemplateEntry] = []
                var attempts = 0
                while entries.count < wanted && attempts < 20 {
                    attempts += 1
                    let candidate = pick(memberPool)
                    guard listed.insert(candidate).inserted else { continue }
                    let names = sample(rng.int(1...3), of: Words.templateNames.count).map { Words.templateNames[$0] }
                    entries.append(GenTemplateEntry(person: candidate, editor: rng.chance(50), templates: names))
                }
                entries.sort { $0.person < $1.person }
                project.templates = entries
            }

            // Team roles.
            let teamK = min(rng.int(0...3), teams.count)
            for team in sample(teamK, of: teams.count) {
                let r = rng.index(100)
                project.teams.append((team, r < 10 ? .owner : r < 55 ? .editor : .reader))
            }

            // Handover to Slack: agents with a role on the project and a Slack ID.
            if rng.chance(30) {
                let candidates = project.people.filter { $0.role != .none && people[$0.person].slackId != nil }
                if !candidates.isEmpty {
                    let agents = sample(rng.int(1...min(4, candidates.count)), of: candidates.count)
                    project.handoverAgents = agents.map { personIDs[candidates[$0].person] }
                }
            }

            // Facebook analytics: admins with a Facebook ID and an explicit editor/owner role.
            if rng.chance(25) {
                let candidates = project.people.filter {
                    ($0.role == .owner || $0.role == .editor) && people[$0.person].facebookId != nil
                }
                if !candidates.isEmpty {
                    let admins = sample(rng.int(1...min(3, candidates.count)), of: candidates.count)
                    project.facebookAdmins = admins.map { personIDs[candidates[$0].person] }
                }
            }
            projects.append(project)
        }
    }

    // MARK: Agencies

    mutating func makeAgencies() {
        let agencyCount = max(1, personCount / 5000)
        agencies.reserveCapacity(agencyCount)
        for g in 0..<agencyCount {
            let number = g + 1
            let id = "agency-" + String(number)
            let count = rng.int(5...20)
            var agencyPeople: [GenPerson] = []
            for j in 0..<count {
                agencyPeople.append(person(email: "a\(number)-p\(padded(j + 1, 3))@\(id).example"))
            }
            let name = Words.agencyWords[g % Words.agencyWords.count] + " "
                + Words.agencySuffixes[(g / Words.agencyWords.count) % Words.agencySuffixes.count]
                + (g >= Words.agencyWords.count * Words.agencySuffixes.count ? " " + String(number) : "")
            var agency = GenAgency(id: id, name: name, people: agencyPeople, owner: rng.index(count))
            if projectCount > 0 {
                let activated = sample(min(rng.int(1...5), projectCount), of: projectCount)
                for (a, project) in activated.enumerated() {
                    let chosen = sample(rng.int(1...min(4, count)), of: count)
                    var roles: [(person: Int, role: GenRole)] = []
                    for (c, person) in chosen.enumerated() {
                        // The first agency's first activated person is always an editor,
                        // for the generated assertions.
                        let forceEditor = g == 0 && a == 0 && c == 0
                        roles.append((person, forceEditor || rng.chance(70) ? .editor : .reader))
                    }
                    agency.activations.append((project, chosen))
                    projects[project].partners.append(GenPartnerOnProject(agency: g, people: roles))
                }
            }
            agencies.append(agency)
        }
    }

    /// Agency people may be handover agents and Facebook analytics admins on the
    /// projects where they hold a role.
    mutating func addAgencyPeopleToHandoverAndFacebook() {
        for p in 0..<projects.count where !projects[p].partners.isEmpty {
            for partner in projects[p].partners {
                let agency = agencies[partner.agency]
                for (person, role) in partner.people {
                    let subject = agency.id + "/p" + padded(person + 1, 3)
                    if !projects[p].handoverAgents.isEmpty, agency.people[person].slackId != nil, rng.chance(50) {
                        projects[p].handoverAgents.append(subject)
                    }
                    if !projects[p].facebookAdmins.isEmpty, role == .editor,
                       agency.people[person].facebookId != nil, rng.chance(50) {
                        projects[p].facebookAdmins.append(subject)
                    }
                }
            }
        }
    }

    // MARK: Tokens

    mutating func makeTokens() {
        for p in 0..<projects.count {
            guard rng.chance(50) else { continue }
            let projectOwners = projects[p].people.filter { $0.role == .owner }.map { $0.person }
            let names = sample(rng.int(1...3), of: Words.tokenNames.count).map { Words.tokenNames[$0] }
            for name in names {
                let owner: Int
                if !projectOwners.isEmpty && rng.chance(70) {
                    owner = pick(projectOwners)
                } else {
                    owner = pick(privileged)
                }
                let environment = pick(projects[p].environments)
                let scopes = sample(rng.int(1...4), of: Words.scopes.count).map { Words.scopes[$0] }
                let expires = formatDay(todayDay + rng.int(366...1095))
                projects[p].tokens.append(GenToken(
                    name: name, owner: owner, environment: environment, scopes: scopes, expires: expires))
            }
        }
    }

    // MARK: Assertions (each holds by construction)

    func assertions() -> [GenAssertion] {
        var out: [GenAssertion] = []
        let creator = personIDs[createdBy]
        out.append(GenAssertion(can: true, subject: creator, permission: "billing.manage", project: nil))
        out.append(GenAssertion(can: true, subject: creator, permission: "owners.invite", project: nil))
        if let admin = admins.first {
            out.append(GenAssertion(can: false, subject: personIDs[admin], permission: "billing.manage", project: nil))
            out.append(GenAssertion(can: true, subject: personIDs[admin], permission: "admins.invite", project: nil))
            if let project = projects.first {
                out.append(GenAssertion(
                    can: true, subject: personIDs[admin], permission: "project.delete", project: project.id))
            }
        }
        if let member = plainMember {
            out.append(GenAssertion(can: true, subject: personIDs[member], permission: "org.read", project: nil))
            out.append(GenAssertion(can: false, subject: personIDs[member], permission: "billing.manage", project: nil))
            out.append(GenAssertion(can: false, subject: personIDs[member], permission: "members.invite", project: nil))
        }
        if let grant = grants.first {
            out.append(GenAssertion(can: true, subject: personIDs[grant.people[0]], permission: grant.permission, project: nil))
        }
        // The first agency's first activated person holds `editor` there.
        if let agency = agencies.first, let activation = agency.activations.first {
            let subject = agency.id + "/p" + padded(activation.people[0] + 1, 3)
            let project = projects[activation.project].id
            out.append(GenAssertion(can: true, subject: subject, permission: "content.write", project: project))
            out.append(GenAssertion(can: false, subject: subject, permission: "tokens.manage", project: project))
            out.append(GenAssertion(can: false, subject: subject, permission: "org.read", project: nil))
        }
        if let p = projects.firstIndex(where: { $0.people.contains { $0.role == .owner } }) {
            let owner = projects[p].people.first { $0.role == .owner }!.person
            out.append(GenAssertion(can: true, subject: personIDs[owner], permission: "tokens.manage", project: projects[p].id))
        }
        if let p = projects.firstIndex(where: { $0.people.contains { $0.role == .none } }) {
            let person = projects[p].people.first { $0.role == .none }!.person
            out.append(GenAssertion(can: false, subject: personIDs[person], permission: "project.read", project: projects[p].id))
        }
        if let p = projects.firstIndex(where: { $0.people.contains { $0.role == .reader } }) {
            let person = projects[p].people.first { $0.role == .reader }!.person
            out.append(GenAssertion(can: true, subject: personIDs[person], permission: "content.read", project: projects[p].id))
            out.append(GenAssertion(can: false, subject: personIDs[person], permission: "content.write", project: projects[p].id))
        }
        if let p = projects.firstIndex(where: { !$0.facebookAdmins.isEmpty }) {
            out.append(GenAssertion(
                can: true, subject: projects[p].facebookAdmins[0], permission: "analytics.facebook", project: projects[p].id))
        }
        if let p = projects.firstIndex(where: { !$0.handoverAgents.isEmpty }) {
            out.append(GenAssertion(
                can: true, subject: projects[p].handoverAgents[0], permission: "handover", project: projects[p].id))
        }
        if let p = projects.firstIndex(where: { !$0.templates.isEmpty }) {
            out.append(GenAssertion(
                can: true, subject: personIDs[projects[p].templates[0].person], permission: "project.read",
                project: projects[p].id))
        }
        // A token never holds anything on another project.
        if projects.count >= 2, let p = projects.firstIndex(where: { !$0.tokens.isEmpty }) {
            let other = projects[p == 0 ? 1 : 0].id
            let subject = "token:" + projects[p].id + "/" + projects[p].tokens[0].name
            out.append(GenAssertion(can: false, subject: subject, permission: "content:read", project: other))
            out.append(GenAssertion(can: false, subject: subject, permission: "events:write", project: other))
        }
        return out
    }

    // MARK: Rendering

    mutating func renderAll() {
        files.append(("organization.yaml", renderOrganization()))
        for i in 0..<people.count {
            files.append(("people/" + personIDs[i] + ".yaml", renderPerson(people[i])))
        }
        for team in teams {
            files.append(("teams/" + team.id + ".yaml", renderTeam(team)))
        }
        for project in projects {
            files.append(("projects/" + project.id + "/project.yaml", renderProject(project)))
            if !project.tokens.isEmpty {
                files.append(("projects/" + project.id + "/tokens.yaml", renderTokens(project)))
            }
        }
        for agency in agencies {
            let base = "partners/" + agency.id
            files.append((base + "/partner.yaml", renderPartner(agency)))
            for (j, person) in agency.people.enumerated() {
                files.append((base + "/people/p" + padded(j + 1, 3) + ".yaml", renderPerson(person)))
            }
        }
        files.append(("assertions/generated.yaml", renderAssertions(assertions())))
    }

    func renderOrganization() -> String {
        var s = ""
        s.reserveCapacity(1024 + 16 * (owners.count + admins.count))
        s += "# Synthetic organization written by `orgtree generate` (seed \(options.seed),\n"
        s += "# \(personCount) people, \(projectCount) projects). Valid by construction.\n"
        s += "id: generated-org\n"
        s += "name: Generated Org\n"
        s += "createdBy: " + personIDs[createdBy] + "\n"
        let extra = projectCount / 10 + (projectCount == 0 ? 0 : Int(options.seed % 3))
        let included = max(1, projectCount - projectCount / 10)
        let planName = projectCount <= 5 ? "Starter" : projectCount <= 50 ? "Growth" : "Scale"
        s += "plan:\n  name: " + planName + "\n"
        s += "  projects: " + String(included) + "\n"
        s += "  extraProjects: " + String(extra) + "\n"
        s += "  agreement: standard\n"
        s += "billing:\n  paymentMethod: card\n  invoiceEmail: billing@generated-org.example\n"
        s += "roles:\n  owners:\n"
        for o in owners { s += "    - " + personIDs[o] + "\n" }
        if admins.isEmpty {
            s += "  admins: []\n"
        } else {
            s += "  admins:\n"
            for a in admins { s += "    - " + personIDs[a] + "\n" }
        }
        if !grants.isEmpty {
            s += "permissions:\n"
            for grant in grants {
                s += "  " + grant.permission + ":\n"
                for p in grant.people { s += "    - " + personIDs[p] + "\n" }
            }
        }
        s += "defaults:\n  projectRole: reader\n"
        return s
    }

    func renderPerson(_ person: GenPerson) -> String {
        var s = ""
        s.reserveCapacity(200)
        s += "firstName: " + yamlString(person.firstName) + "\n"
        s += "lastName: " + yamlString(person.lastName) + "\n"
        s += "email: " + person.email + "\n"
        if let mobile = person.mobile {
            s += "tfa:\n  method: sms\n  mobile: \"" + mobile + "\"\n"
        } else {
            s += "tfa:\n  method: app\n"
        }
        if let slack = person.slackId { s += "slackId: " + slack + "\n" }
        if let facebook = person.facebookId { s += "facebookId: \"" + facebook + "\"\n" }
        if let title = person.jobTitle { s += "jobTitle: " + yamlString(title) + "\n" }
        return s
    }

    func renderTeam(_ team: GenTeam) -> String {
        var s = ""
        s.reserveCapacity(64 + 12 * team.members.count)
        s += "name: " + yamlString(team.name) + "\n"
        if team.members.isEmpty {
            s += "members: []\n"
        } else {
            s += "members:\n"
            for m in team.members { s += "  - " + personIDs[m] + "\n" }
        }
        if !team.includes.isEmpty {
            s += "includes:\n"
            for t in team.includes { s += "  - " + teams[t].id + "\n" }
        }
        return s
    }

    func renderProject(_ project: GenProject) -> String {
        var s = ""
        s.reserveCapacity(1024)
        s += "name: " + yamlString(project.name) + "\n"
        s += "environments:\n"
        for e in project.environments { s += "  - " + e + "\n" }
        let hasAccess = project.defaultRole != nil || !project.people.isEmpty || !project.teams.isEmpty
            || !project.templates.isEmpty
        if hasAccess {
            s += "access:\n"
            if let d = project.defaultRole { s += "  default: " + d.text + "\n" }
            if !project.people.isEmpty {
                s += "  people:\n"
                for (p, role) in project.people { s += "    " + personIDs[p] + ": " + role.text + "\n" }
            }
            if !project.teams.isEmpty {
                s += "  teams:\n"
                for (t, role) in project.teams { s += "    " + teams[t].id + ": " + role.text + "\n" }
            }
            if !project.templates.isEmpty {
                s += "  templates:\n"
                for entry in project.templates {
                    s += "    " + personIDs[entry.person] + ":\n"
                    s += "      role: " + (entry.editor ? "template-editor" : "template-reader") + "\n"
                    s += "      templates:\n"
                    for name in entry.templates { s += "        - " + name + "\n" }
                }
            }
        }
        if !project.handoverAgents.isEmpty {
            s += "handover:\n  slack: true\n  agents:\n"
            for a in project.handoverAgents { s += "    - " + a + "\n" }
        }
        if !project.facebookAdmins.isEmpty {
            s += "facebookAnalytics:\n  admins:\n"
            for a in project.facebookAdmins { s += "    - " + a + "\n" }
        }
        if !project.partners.isEmpty {
            s += "partners:\n"
            for partner in project.partners {
                let agency = agencies[partner.agency]
                s += "  " + agency.id + ":\n    enabled: true\n    people:\n"
                for (p, role) in partner.people {
                    s += "      " + agency.id + "/p" + padded(p + 1, 3) + ": " + role.text + "\n"
                }
            }
        }
        return s
    }

    func renderTokens(_ project: GenProject) -> String {
        var s = ""
        s.reserveCapacity(256 * project.tokens.count)
        s += "tokens:\n"
        for token in project.tokens {
            s += "  " + token.name + ":\n"
            s += "    owner: " + personIDs[token.owner] + "\n"
            s += "    environment: " + token.environment + "\n"
            s += "    scopes:\n"
            for scope in token.scopes { s += "      - " + scope + "\n" }
            s += "    expires: " + token.expires + "\n"
        }
        return s
    }

    func renderPartner(_ agency: GenAgency) -> String {
        var s = ""
        s.reserveCapacity(512)
        s += "name: " + yamlString(agency.name) + "\n"
        s += "status: active\n"
        s += "owner: p" + padded(agency.owner + 1, 3) + "\n"
        if agency.activations.isEmpty {
            s += "activations: {}\n"
        } else {
            s += "activations:\n"
            for (project, chosen) in agency.activations {
                s += "  " + projects[project].id + ":\n"
                for p in chosen { s += "    - p" + padded(p + 1, 3) + "\n" }
            }
        }
        return s
    }

    func renderAssertions(_ list: [GenAssertion]) -> String {
        var s = ""
        s.reserveCapacity(64 * list.count + 128)
        s += "# Access tests written by `orgtree generate`; each holds by construction.\n"
        for a in list {
            s += (a.can ? "- can: " : "- cannot: ") + a.subject + "\n"
            s += "  do: " + a.permission + "\n"
            if let project = a.project { s += "  on: " + project + "\n" }
        }
        return s
    }
}

// MARK: - Text helpers

/// `value` zero-padded to `width` digits.
private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    let count = digits.utf8.count
    return count >= width ? digits : String(repeating: "0", count: width - count) + digits
}

private func digitCount(_ value: Int) -> Int {
    var v = max(0, value)
    var n = 1
    while v >= 10 {
        v /= 10
        n += 1
    }
    return n
}

/// A string scalar: plain when it cannot be misread, double-quoted otherwise.
private func yamlString(_ text: String) -> String {
    isSafePlain(text) ? text : Quoting.quoted(text, .yaml)
}

private func isSafePlain(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
    func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c.value >= 0xC0 && c.properties.isAlphabetic)
    }
    guard isLetter(first), last != " " else { return false }
    var previousSpace = false
    for c in text.unicodeScalars {
        let ok = isLetter(c) || (c >= "0" && c <= "9") || c == " " || c == "-" || c == "." || c == "'"
            || c == "(" || c == ")" || c == "/" || c == "&" || c == "_"
        if !ok { return false }
        if c == " " && previousSpace { return false }
        previousSpace = c == " "
    }
    switch text.lowercased() {
    case "y", "n", "yes", "no", "on", "off", "true", "false", "null": return false
    default: return true
    }
}

// MARK: - Calendar (proleptic Gregorian, days since 1970-01-01)

private func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

private func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
}

/// `YYYY-MM-DD` naming a real day → days since 1970-01-01; nil otherwise.
private func parseDay(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        var n = 0
        for i in range {
            guard bytes[i] >= 48 && bytes[i] <= 57 else { return nil }
            n = n * 10 + Int(bytes[i] - 48)
        }
        return n
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
          (1...12).contains(m), d >= 1 else { return nil }
    let days = daysFromCivil(y, m, d)
    let back = civilFromDays(days)
    guard back.year == y, back.month == m, back.day == d else { return nil }
    return days
}

private func formatDay(_ days: Int) -> String {
    let (y, m, d) = civilFromDays(days)
    return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
}
