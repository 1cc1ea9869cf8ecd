extension TreeGenerator {
    /// Makes the tree's choices, in one fixed order of draws from the seeded generator:
    /// people, organization, teams, projects, agencies, the agency people on handover and
    /// Facebook lists, tokens; then writes its files (`TreeGenerator+Files.swift`).
    struct Builder {
        let options: Options
        var rng: SeededGenerator
        var files: [(path: String, contents: String)] = []

        let personCount: Int
        let projectCount: Int
        let personWidth: Int
        let projectWidth: Int

        var people: [Person] = []
        var personIDs: [String] = []
        var owners: [Int] = []
        var admins: [Int] = []
        var privileged: [Int] = []  // owners ∪ admins, ascending
        var createdBy = 0
        var memberPool: [Int] = []  // neither owner nor admin, ascending
        var plainMember: Int?  // a member without any single org grant
        var grants: [(permission: OrgPermission, people: [Int])] = []
        var teams: [Team] = []
        var projects: [Project] = []
        var agencies: [Agency] = []
        /// Token expiry dates are counted from this day.
        let today: Day

        init(options: Options) {
            self.options = options
            self.rng = SeededGenerator(seed: options.seed)
            personCount = max(1, options.people)
            projectCount = max(0, options.projects)
            personWidth = max(5, digitCount(personCount))
            projectWidth = max(4, digitCount(projectCount))
            today = Day(options.today) ?? Day(year: 2025, month: 1, day: 1)!
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
            writeFiles()
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

        mutating func person(email: String) -> Person {
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
            return Person(
                firstName: first, lastName: last, email: email, mobile: mobile,
                slackId: slackId, facebookId: facebookId, jobTitle: jobTitle)
        }

        // MARK: People and organization

        mutating func makePeople() {
            people.reserveCapacity(personCount)
            personIDs.reserveCapacity(personCount)
            for i in 0..<personCount {
                let id = numberedID("p", i + 1, width: personWidth)
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
            // Canonical order of docs/access-model.md §2; billing.manage is granted to nobody.
            // members.invite comes with roles only, but its draws stay so that a seed gives
            // the same tree as before it stopped being grantable.
            let drawn: [OrgPermission] = [.billingRead, .invoicesRead, .membersInvite, .partnersManage, .projectsCreate]
            for permission in drawn {
                if permission == .membersInvite && !rng.chance(50) { continue }
                let k = min(rng.int(1...3), grantPool.count)
                let chosen = sample(k, of: grantPool.count).map { grantPool[$0] }
                if !chosen.isEmpty && permission.isGrantable { grants.append((permission, chosen)) }
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
                teams.append(Team(
                    id: numberedID("team-", t + 1, width: width),
                    name: word + " " + String(t / Words.teamWords.count + 1),
                    members: members, includes: includes))
            }
        }

        // MARK: Projects

        mutating func makeProjects() {
            projects.reserveCapacity(projectCount)
            for p in 0..<projectCount {
                var environments: [Environment] = []
                if rng.chance(30) { environments.append(.sandbox) }
                if rng.chance(60) { environments.append(.development) }
                if rng.chance(60) { environments.append(.staging) }
                environments.append(.production)

                var defaultRole: RoleSetting?
                let d = rng.index(100)
                if d < 30 {
                    defaultRole = nil
                } else if d < 60 {
                    defaultRole = .role(.reader)
                } else if d < 75 {
                    defaultRole = .role(.editor)
                } else {
                    defaultRole = RoleSetting.none
                }

                let word = Words.projectWords[p % Words.projectWords.count]
                var project = Project(
                    id: numberedID("proj-", p + 1, width: projectWidth),
                    name: word + " assistant " + String(p + 1),
                    environments: environments, defaultRole: defaultRole)

                // Explicit people (org members only: owners/admins must not be listed).
                let k = min(rng.int(3...15), memberPool.count)
                let chosen = sample(k, of: memberPool.count).map { memberPool[$0] }
                var listed = Set<Int>(chosen)
                for person in chosen {
                    let r = rng.index(100)
                    let role: RoleSetting = r < 15 ? .role(.owner) : r < 55 ? .role(.editor) : r < 95 ? .role(.reader) : .none
                    project.people.append((person, role))
                }

                // Legacy template roles, for people not listed in `people`.
                if rng.chance(15) && memberPool.count > listed.count {
                    let wanted = rng.int(1...2)
                    var entries: [TemplateGrant] = []
                    var attempts = 0
                    while entries.count < wanted && attempts < 20 {
                        attempts += 1
                        let candidate = pick(memberPool)
                        guard listed.insert(candidate).inserted else { continue }
                        let names = sample(rng.int(1...3), of: Words.templateNames.count).map { Words.templateNames[$0] }
                        entries.append(TemplateGrant(
                            person: candidate, role: rng.chance(50) ? .templateEditor : .templateReader, templates: names))
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
                        project.handoverAgents = agents.map { .person(personIDs[candidates[$0].person]) }
                    }
                }

                // Facebook analytics: admins with a Facebook ID and an explicit editor/owner role.
                if rng.chance(25) {
                    let candidates = project.people.filter {
                        ($0.role == .role(.owner) || $0.role == .role(.editor)) && people[$0.person].facebookId != nil
                    }
                    if !candidates.isEmpty {
                        let admins = sample(rng.int(1...min(3, candidates.count)), of: candidates.count)
                        project.facebookAdmins = admins.map { .person(personIDs[candidates[$0].person]) }
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
                var agencyPeople: [Person] = []
                for j in 0..<count {
                    agencyPeople.append(person(email: "a\(number)-\(Agency.personID(j))@\(id).example"))
                }
                let name = Words.agencyWords[g % Words.agencyWords.count] + " "
                    + Words.agencySuffixes[(g / Words.agencyWords.count) % Words.agencySuffixes.count]
                    + (g >= Words.agencyWords.count * Words.agencySuffixes.count ? " " + String(number) : "")
                var agency = Agency(id: id, name: name, people: agencyPeople, owner: rng.index(count))
                if projectCount > 0 {
                    let activated = sample(min(rng.int(1...5), projectCount), of: projectCount)
                    for (a, project) in activated.enumerated() {
                        let chosen = sample(rng.int(1...min(4, count)), of: count)
                        var roles: [(person: Int, role: ProjectRole)] = []
                        for (c, person) in chosen.enumerated() {
                            // The first agency's first activated person is always an editor,
                            // for the generated assertions.
                            let forceEditor = g == 0 && a == 0 && c == 0
                            roles.append((person, forceEditor || rng.chance(70) ? .editor : .reader))
                        }
                        agency.activations.append((project, chosen))
                        projects[project].partners.append(PartnerGrant(agency: g, people: roles))
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
                        let subject = agency.subject(person)
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
                let projectOwners = projects[p].people.filter { $0.role == .role(.owner) }.map { $0.person }
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
                    let expires = today.adding(days: rng.int(366...1095))
                    projects[p].tokens.append(Token(
                        name: name, owner: owner, environment: environment, scopes: scopes, expires: expires))
                }
            }
        }
    }
}
