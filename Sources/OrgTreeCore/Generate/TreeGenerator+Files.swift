/// The generated tree's files, written by `YAMLWriter`: ids, roles and other values of
/// closed sets plain, names and titles plain when no reader can misread them, phone
/// numbers and Facebook ids always double-quoted (they would read as numbers).
extension TreeGenerator.Builder {
    mutating func writeFiles() {
        files.append(("organization.yaml", organizationFile()))
        for i in 0..<people.count {
            files.append(("people/" + personIDs[i] + ".yaml", personFile(people[i])))
        }
        for team in teams {
            files.append(("teams/" + team.id + ".yaml", teamFile(team)))
        }
        for project in projects {
            files.append(("projects/" + project.id + "/project.yaml", projectFile(project)))
            if !project.tokens.isEmpty {
                files.append(("projects/" + project.id + "/tokens.yaml", tokensFile(project)))
            }
        }
        for agency in agencies {
            let base = "partners/" + agency.id
            files.append((base + "/partner.yaml", partnerFile(agency)))
            for (j, person) in agency.people.enumerated() {
                files.append((base + "/people/" + TreeGenerator.Agency.personID(j) + ".yaml", personFile(person)))
            }
        }
        files.append(("assertions/generated.yaml", assertionsFile(assertions())))
    }

    private func organizationFile() -> String {
        var y = YAMLWriter(capacity: 1024 + 16 * (owners.count + admins.count))
        y.comment("Synthetic organization written by `orgtree generate` (seed \(options.seed),")
        y.comment("\(personCount) people, \(projectCount) projects). Valid by construction.")
        y.field("id", .plain("generated-org"))
        y.field("name", .text("Generated Org"))
        y.field("createdBy", .plain(personIDs[createdBy]))
        let extra = projectCount / 10 + (projectCount == 0 ? 0 : Int(options.seed % 3))
        let included = max(1, projectCount - projectCount / 10)
        let planName = projectCount <= 5 ? "Starter" : projectCount <= 50 ? "Growth" : "Scale"
        y.mapping("plan") { y in
            y.field("name", .text(planName))
            y.field("projects", .plain(String(included)))
            y.field("extraProjects", .plain(String(extra)))
            y.field("agreement", .plain(Agreement.standard.rawValue))
        }
        y.mapping("billing") { y in
            y.field("paymentMethod", .plain(PaymentMethod.card.rawValue))
            y.field("invoiceEmail", .plain("billing@generated-org.example"))
        }
        y.mapping("roles") { y in
            y.blockList("owners", personList(owners))
            y.blockList("admins", personList(admins))
        }
        if !grants.isEmpty {
            y.mapping("permissions") { y in
                for grant in grants { y.blockList(grant.permission.rawValue, personList(grant.people)) }
            }
        }
        y.mapping("defaults") { y in y.field("projectRole", .plain(ProjectRole.reader.rawValue)) }
        return y.text
    }

    private func personFile(_ person: TreeGenerator.Person) -> String {
        var y = YAMLWriter(capacity: 200)
        y.field("firstName", .text(person.firstName))
        y.field("lastName", .text(person.lastName))
        y.field("email", .plain(person.email))
        y.mapping("tfa") { y in
            if let mobile = person.mobile {
                y.field("method", .plain(TFAMethod.sms.rawValue))
                y.field("mobile", .quoted(mobile))
            } else {
                y.field("method", .plain(TFAMethod.app.rawValue))
            }
        }
        if let slack = person.slackId { y.field("slackId", .plain(slack)) }
        if let facebook = person.facebookId { y.field("facebookId", .quoted(facebook)) }
        if let title = person.jobTitle { y.field("jobTitle", .text(title)) }
        return y.text
    }

    private func teamFile(_ team: TreeGenerator.Team) -> String {
        var y = YAMLWriter(capacity: 64 + 12 * team.members.count)
        y.field("name", .text(team.name))
        y.blockList("members", personList(team.members))
        if !team.includes.isEmpty {
            y.blockList("includes", team.includes.map { .plain(teams[$0].id) })
        }
        return y.text
    }

    private func projectFile(_ project: TreeGenerator.Project) -> String {
        var y = YAMLWriter(capacity: 1024)
        y.field("name", .text(project.name))
        y.blockList("environments", project.environments.map { .plain($0.rawValue) })
        // A project declares the templates its template roles name (docs/tree-format.md).
        let used = Set(project.templates.flatMap(\.templates))
        if !used.isEmpty {
            y.blockList("templates", TreeGenerator.Words.templateNames.filter(used.contains).map(YAMLWriter.Scalar.plain))
        }
        if project.defaultRole != nil || !project.people.isEmpty || !project.teams.isEmpty || !project.templates.isEmpty {
            y.mapping("access") { y in
                if let role = project.defaultRole { y.field("default", .plain(role.description)) }
                if !project.people.isEmpty {
                    y.mapping("people") { y in
                        for (p, role) in project.people { y.field(personIDs[p], .plain(role.description)) }
                    }
                }
                if !project.teams.isEmpty {
                    y.mapping("teams") { y in
                        for (t, role) in project.teams { y.field(teams[t].id, .plain(role.rawValue)) }
                    }
                }
                if !project.templates.isEmpty {
                    y.mapping("templates") { y in
                        for grant in project.templates {
                            y.mapping(personIDs[grant.person]) { y in
                                y.field("role", .plain(grant.role.rawValue))
                                y.blockList("templates", grant.templates.map(YAMLWriter.Scalar.plain))
                            }
                        }
                    }
                }
            }
        }
        if !project.handoverAgents.isEmpty {
            y.mapping("handover") { y in
                y.field("slack", .plain("true"))
                y.blockList("agents", subjectList(project.handoverAgents))
            }
        }
        if !project.facebookAdmins.isEmpty {
            y.mapping("facebookAnalytics") { y in y.blockList("admins", subjectList(project.facebookAdmins)) }
        }
        if !project.partners.isEmpty {
            y.mapping("partners") { y in
                for partner in project.partners {
                    let agency = agencies[partner.agency]
                    y.mapping(agency.id) { y in
                        y.field("enabled", .plain("true"))
                        y.mapping("people") { y in
                            for (p, role) in partner.people { y.field(agency.subject(p).description, .plain(role.rawValue)) }
                        }
                    }
                }
            }
        }
        return y.text
    }

    private func tokensFile(_ project: TreeGenerator.Project) -> String {
        var y = YAMLWriter(capacity: 256 * project.tokens.count)
        y.mapping("tokens") { y in
            for token in project.tokens {
                y.mapping(token.name) { y in
                    y.field("owner", .plain(personIDs[token.owner]))
                    y.field("environment", .plain(token.environment.rawValue))
                    y.blockList("scopes", token.scopes.map { .plain($0.rawValue) })
                    y.field("expires", .plain(token.expires.description))
                }
            }
        }
        return y.text
    }

    private func partnerFile(_ agency: TreeGenerator.Agency) -> String {
        var y = YAMLWriter(capacity: 512)
        y.field("name", .text(agency.name))
        y.field("status", .plain(PartnerStatus.active.rawValue))
        y.field("owner", .plain(TreeGenerator.Agency.personID(agency.owner)))
        y.mapping("activations") { y in
            for (project, chosen) in agency.activations {
                y.blockList(projects[project].id, chosen.map { .plain(TreeGenerator.Agency.personID($0)) })
            }
        }
        return y.text
    }

    private func assertionsFile(_ entries: [TreeGenerator.AssertionEntry]) -> String {
        var y = YAMLWriter(capacity: 64 * entries.count + 128)
        y.comment("Access tests written by `orgtree generate`; each holds by construction.")
        for entry in entries {
            y.listItem { y in
                y.field(entry.expectation.rawValue, .plain(entry.subject.description))
                y.field("do", .plain(entry.capability.description))
                if let project = entry.project { y.field("on", .plain(project)) }
            }
        }
        return y.text
    }

    /// Org people by index, as their ids.
    private func personList(_ indices: [Int]) -> [YAMLWriter.Scalar] {
        indices.map { .plain(personIDs[$0]) }
    }

    private func subjectList(_ subjects: [Subject]) -> [YAMLWriter.Scalar] {
        subjects.map { .plain($0.description) }
    }
}
