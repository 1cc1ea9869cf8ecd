import OrgTreeYAML

/// The readers of each file kind. Keys and types follow docs/tree-format.md exactly;
/// the JSON Schemas in schemas/ describe the same.
extension NodeDecoder {
    mutating func organization(_ root: YAMLNode) -> OrganizationDocument? {
        guard let f = fields(of: root, "organization.yaml",
                             allowed: ["id", "name", "createdBy", "plan", "billing", "roles", "permissions", "defaults"],
                             required: ["id", "name", "createdBy", "plan", "roles"]) else { return nil }
        var org = OrganizationDocument(file: file)
        org.id = f["id"].flatMap { id($0, "the organization id") }
        org.name = f["name"].flatMap { string($0, "name") }
        org.createdBy = f["createdBy"].flatMap { personReference($0, "createdBy") }
        org.planKeyLocation = f.keyLocation("plan")
        if let node = f["plan"], let p = fields(of: node, "plan", allowed: ["name", "projects", "extraProjects", "agreement"],
                                                  required: ["name"]) {
            let agreement = p["agreement"].flatMap { choice($0, "agreement", Agreement.self) }
            // Under an enterprise agreement a project limit applies only where one is written
            // (docs/tree-format.md); an unreadable agreement was reported already.
            if p["projects"] == nil, p["agreement"] == nil || agreement?.value == .standard {
                report(.missingKey, "plan needs the key 'projects' (the number of projects included), or 'agreement: enterprise' for a plan without a project limit", at: node)
            }
            org.plan = OrganizationDocument.Plan(
                name: p["name"].flatMap { string($0, "plan name") },
                projects: p["projects"].flatMap { int($0, "plan.projects") },
                extraProjects: p["extraProjects"].flatMap { int($0, "plan.extraProjects") },
                agreement: agreement,
                location: location(node))
        }
        if let node = f["billing"], let b = fields(of: node, "billing", allowed: ["paymentMethod", "invoiceEmail"]) {
            org.billing = OrganizationDocument.Billing(
                paymentMethod: b["paymentMethod"].flatMap { choice($0, "payment method", PaymentMethod.self) },
                invoiceEmail: b["invoiceEmail"].flatMap { string($0, "invoiceEmail") },
                location: location(node))
        }
        if let node = f["roles"] {
            org.rolesLocation = location(node)
            if let r = fields(of: node, "roles", allowed: ["owners", "admins"], required: ["owners"]) {
                org.owners = r["owners"].map { subjectList($0, "roles.owners") } ?? []
                org.ownersKeyLocation = r.keyLocation("owners")
                org.admins = r["admins"].map { subjectList($0, "roles.admins") } ?? []
            }
        }
        if let node = f["permissions"] {
            for (key, value) in entries(of: node, "permissions") {
                let people = subjectList(value, "permissions.\(key.value)")
                guard let permission = OrgPermission(rawValue: key.value) else {
                    var message = "'\(key.value)' is not an org permission"
                    if ProjectPermission(rawValue: key.value) != nil {
                        message += "; it is a project permission: grant it through a project's access"
                    } else {
                        message = Self.notOneOf(key.value, "org permission",
                                                OrgPermission.allCases.filter(\.isGrantable).map(\.rawValue))
                    }
                    report(.invalidValue, message, at: key.location)
                    continue
                }
                guard permission.isGrantable else {
                    let roles = permission == .ownersInvite ? "roles.owners" : "roles.admins (or roles.owners)"
                    report(.invalidValue, "'\(key.value)' comes with a role only: list the person under \(roles) instead", at: key.location)
                    continue
                }
                org.permissions.append((Located(permission, at: key.location), people))
            }
        }
        if let node = f["defaults"], let d = fields(of: node, "defaults", allowed: ["projectRole"]) {
            org.defaultProjectRole = d["projectRole"].flatMap { roleSetting($0, "default project role") }
        }
        return org
    }

    mutating func person(_ root: YAMLNode, subject: Subject) -> PersonDocument? {
        guard let f = fields(of: root, "a person",
                             allowed: ["firstName", "lastName", "email", "tfa", "facebookId", "slackId", "jobTitle"],
                             required: ["firstName", "lastName", "email", "tfa"]) else { return nil }
        var person = PersonDocument(subject: subject, file: file)
        person.firstName = f["firstName"].flatMap { string($0, "firstName") }
        person.lastName = f["lastName"].flatMap { string($0, "lastName") }
        person.email = f["email"].flatMap { string($0, "email") }
        if let node = f["tfa"] {
            person.tfaLocation = location(node)
            if let t = fields(of: node, "tfa", allowed: ["method", "mobile"], required: ["method"], example: Self.tfaExample(node)) {
                person.tfaMethod = t["method"].flatMap { choice($0, "two-factor method", TFAMethod.self) }
                person.mobile = t["mobile"].flatMap { string($0, "mobile") }
            }
        }
        person.facebookID = f["facebookId"].flatMap { string($0, "facebookId") }
        person.slackID = f["slackId"].flatMap { string($0, "slackId") }
        person.jobTitle = f["jobTitle"].flatMap { string($0, "jobTitle") }
        return person
    }

    /// `tfa` written right, for a `tfa: app` or `tfa: sms`: the method under `method`, and
    /// for SMS the mobile number too.
    static func tfaExample(_ node: YAMLNode) -> String {
        node.scalar?.text == TFAMethod.sms.rawValue ? "tfa: {method: sms, mobile: \"+4915123456789\"}" : "tfa: {method: app}"
    }

    mutating func team(_ root: YAMLNode, teamID: String) -> TeamDocument? {
        guard let f = fields(of: root, "a team", allowed: ["name", "members", "includes"], required: ["name"]) else { return nil }
        var team = TeamDocument(id: teamID, file: file)
        team.name = f["name"].flatMap { string($0, "name") }
        team.members = f["members"].map { subjectList($0, "members") } ?? []
        team.includes = f["includes"].map { idList($0, "includes") } ?? []
        return team
    }

    mutating func project(_ root: YAMLNode, projectID: String) -> ProjectDocument? {
        guard let f = fields(of: root, "a project",
                             allowed: ["name", "environments", "templates", "access", "handover", "facebookAnalytics", "partners"],
                             required: ["name"]) else { return nil }
        var project = ProjectDocument(id: projectID, file: file)
        project.name = f["name"].flatMap { string($0, "name") }
        if let node = f["environments"] {
            var seen = Set<Environment>()
            for env in list(node, "environments", element: { $0.choice($1, "environment", Environment.self) }) {
                if seen.insert(env.value).inserted {
                    project.environments.append(env)
                } else {
                    report(.duplicateKey, "'\(env.value.rawValue)' is listed twice in environments", at: env.location)
                }
            }
        }
        if let node = f["templates"] {
            var seen = Set<String>()
            for name in list(node, "templates", element: { $0.string($1, "a template name") }) {
                if seen.insert(name.value).inserted {
                    project.declaredTemplates.append(name)
                } else {
                    report(.duplicateKey, "'\(name.value)' is listed twice in templates", at: name.location)
                }
            }
        }
        if let node = f["access"], let a = fields(of: node, "access", allowed: ["default", "people", "teams", "templates"]) {
            project.accessDefault = a["default"].flatMap { roleSetting($0, "default role") }
            if let people = a["people"] {
                let pairs = entries(of: people, "access.people")
                project.people.reserveCapacity(pairs.count)
                for (key, value) in pairs {
                    guard let person = personKey(key, "access.people"),
                          let setting = roleSetting(value, "role") else { continue }
                    project.people.append((person, setting))
                }
            }
            if let teams = a["teams"] {
                for (key, value) in entries(of: teams, "access.teams") {
                    guard let team = checkID(key, "a team"),
                          let role = choice(value, "team role", ProjectRole.self) else { continue }
                    project.teams.append((team, role))
                }
            }
            if let templates = a["templates"] {
                for (key, value) in entries(of: templates, "access.templates") {
                    guard let person = personKey(key, "access.templates"),
                          let t = fields(of: value, "a template grant", allowed: ["role", "templates"], required: ["role", "templates"])
                    else { continue }
                    let names = t["templates"].map { list($0, "templates") { $0.string($1, "a template name") } } ?? []
                    project.templates.append(ProjectDocument.TemplateGrant(
                        person: person,
                        role: t["role"].flatMap { choice($0, "template role", TemplateRole.self) },
                        templates: names,
                        templatesLocation: t["templates"].map(location) ?? key.location))
                }
            }
        }
        if let node = f["handover"], let h = fields(of: node, "handover", allowed: ["slack", "agents"]) {
            project.handoverSlack = h["slack"].flatMap { bool($0, "handover.slack") }
            project.handoverAgents = h["agents"].map { subjectList($0, "handover.agents") } ?? []
        }
        if let node = f["facebookAnalytics"], let fa = fields(of: node, "facebookAnalytics", allowed: ["admins"]) {
            project.facebookAdmins = fa["admins"].map { subjectList($0, "facebookAnalytics.admins") } ?? []
        }
        if let node = f["partners"] {
            for (key, value) in entries(of: node, "partners") {
                guard let agency = checkID(key, "an agency"),
                      let p = fields(of: value, "partners.\(agency.value)", allowed: ["enabled", "people"], required: ["enabled"])
                else { continue }
                var access = ProjectDocument.PartnerAccess(
                    agency: agency, enabled: p["enabled"].flatMap { bool($0, "enabled") }, people: [])
                if let people = p["people"] {
                    for (subjectKey, roleNode) in entries(of: people, "partners.\(agency.value).people") {
                        guard case .agencyPerson(let a, _)? = Subject(subjectKey.value), a == agency.value else {
                            report(.invalidID, "'\(subjectKey.value)' must name one of \(agency.value)'s people as \(agency.value)/<person>", at: subjectKey.location)
                            continue
                        }
                        guard let role = choice(roleNode, "role", ProjectRole.self) else { continue }
                        access.people.append((subjectKey, role))
                    }
                }
                project.partners.append(access)
            }
        }
        return project
    }

    mutating func tokens(_ root: YAMLNode, project: String) -> [TokenDocument]? {
        guard let f = fields(of: root, "tokens.yaml", allowed: ["tokens"], required: ["tokens"]),
              let node = f["tokens"] else { return nil }
        var tokens: [TokenDocument] = []
        for (key, value) in entries(of: node, "tokens") {
            guard let id = checkID(key, "a token"),
                  let t = fields(of: value, "token '\(key.value)'", allowed: ["owner", "environment", "scopes", "expires"],
                                 required: ["owner", "environment", "scopes", "expires"]) else { continue }
            var token = TokenDocument(project: project, id: id)
            token.owner = t["owner"].flatMap { personReference($0, "token owner") }
            token.environment = t["environment"].flatMap { choice($0, "environment", Environment.self) }
            if let scopesNode = t["scopes"] {
                var seen = Set<TokenScope>()
                for scope in list(scopesNode, "scopes", element: { $0.choice($1, "token scope", TokenScope.self) }) {
                    if seen.insert(scope.value).inserted {
                        token.scopes.append(scope)
                    } else {
                        report(.duplicateKey, "'\(scope.value.rawValue)' is listed twice in scopes", at: scope.location)
                    }
                }
                if case .sequence(let items, _) = scopesNode.content, items.isEmpty {
                    report(.invalidValue, "a token needs at least one scope", at: scopesNode)
                }
            }
            token.expires = t["expires"].flatMap { day($0, "expiry date") }
            tokens.append(token)
        }
        return tokens
    }

    mutating func partner(_ root: YAMLNode, agency: String) -> PartnerDocument? {
        guard let f = fields(of: root, "partner.yaml", allowed: ["name", "status", "owner", "activations"],
                             required: ["name", "status", "owner"]) else { return nil }
        var partner = PartnerDocument(id: agency, file: file)
        partner.name = f["name"].flatMap { string($0, "name") }
        partner.status = f["status"].flatMap { choice($0, "partner status", PartnerStatus.self) }
        partner.owner = f["owner"].flatMap { agencyPersonID($0, "the agency owner", agency: agency) }
        if let node = f["activations"] {
            for (key, value) in entries(of: node, "activations") {
                guard let project = checkID(key, "a project") else { continue }
                partner.activations.append((project, idList(value, "activations.\(key.value)", agency: agency)))
            }
        }
        return partner
    }

    mutating func assertions(_ root: YAMLNode) -> [Assertion] {
        list(root, "an assertions file") { decoder, item -> Assertion? in
            guard let f = decoder.fields(of: item, "an assertion", allowed: ["can", "cannot", "do", "on", "env"], required: ["do"]) else {
                return nil
            }
            let expectation: Assertion.Expectation
            let subjectNode: YAMLNode
            switch (f["can"], f["cannot"]) {
            case let (can?, nil): expectation = .can; subjectNode = can
            case let (nil, cannot?): expectation = .cannot; subjectNode = cannot
            case (_?, _?):
                decoder.report(.invalidValue, "an assertion says either 'can' or 'cannot', not both", at: item)
                return nil
            case (nil, nil):
                decoder.report(.missingKey, "an assertion needs 'can' or 'cannot' with a subject", at: item)
                return nil
            }
            guard let subjectText = decoder.string(subjectNode, "the assertion subject") else { return nil }
            guard let subject = Subject(subjectText.value) else {
                decoder.report(.invalidID, "'\(subjectText.value)' is not a subject; write a person ('ann'), an agency person ('pixel/gus') or a token ('token:shop/ci-deploy')", at: subjectNode)
                return nil
            }
            guard let doNode = f["do"], let doText = decoder.string(doNode, "do") else { return nil }
            guard let capability = Capability(doText.value) else {
                decoder.report(.invalidValue, Self.notOneOf(doText.value, "permission or token scope", Capability.allNames), at: doNode)
                return nil
            }
            let project = f["on"].flatMap { decoder.id($0, "the project of an assertion") }
            if f["on"] != nil && project == nil { return nil }
            let environment = f["env"].flatMap { decoder.choice($0, "environment", Environment.self) }
            if f["env"] != nil && environment == nil { return nil }
            return Assertion(file: decoder.file, expectation: expectation,
                             subject: Located(subject, at: subjectText.location),
                             capability: Located(capability, at: doText.location),
                             project: project, environment: environment, location: decoder.location(item))
        }
    }

    // MARK: References

    /// A reference to a person in a value: an id, or `agency/person` (rules decide whether
    /// an agency person is allowed there).
    mutating func personReference(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        guard let subject = Subject(text.value), subject.isPersonLike else {
            report(.invalidID, "'\(text.value)' is not a person id for \(what)", at: node)
            return nil
        }
        return text
    }

    /// A person as a map key: an id, or `agency/person`.
    mutating func personKey(_ key: Located<String>, _ what: String) -> Located<String>? {
        guard let subject = Subject(key.value), subject.isPersonLike else {
            report(.invalidID, "'\(key.value)' is not a person id in \(what)", at: key.location)
            return nil
        }
        return key
    }
}
