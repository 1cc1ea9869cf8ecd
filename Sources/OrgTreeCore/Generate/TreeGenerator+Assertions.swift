extension TreeGenerator.Builder {
    /// The entries of `assertions/generated.yaml`: each holds by construction.
    func assertions() -> [TreeGenerator.AssertionEntry] {
        var out: [TreeGenerator.AssertionEntry] = []
        func add(_ expectation: Assertion.Expectation, _ subject: Subject, _ capability: Capability, on project: String? = nil) {
            out.append(TreeGenerator.AssertionEntry(expectation: expectation, subject: subject, capability: capability, project: project))
        }
        func person(_ index: Int) -> Subject { .person(personIDs[index]) }

        let creator = person(createdBy)
        add(.can, creator, .org(.billingManage))
        add(.can, creator, .org(.ownersInvite))
        if let admin = admins.first {
            add(.cannot, person(admin), .org(.billingManage))
            add(.can, person(admin), .org(.adminsInvite))
            if let project = projects.first {
                add(.can, person(admin), .project(.projectDelete), on: project.id)
            }
        }
        if let member = plainMember {
            add(.can, person(member), .org(.orgRead))
            add(.cannot, person(member), .org(.billingManage))
            add(.cannot, person(member), .org(.membersInvite))
        }
        if let grant = grants.first {
            add(.can, person(grant.people[0]), .org(grant.permission))
        }
        // The first agency's first activated person holds `editor` there.
        if let agency = agencies.first, let activation = agency.activations.first {
            let subject = agency.subject(activation.people[0])
            let project = projects[activation.project].id
            add(.can, subject, .project(.contentWrite), on: project)
            add(.cannot, subject, .project(.tokensManage), on: project)
            add(.cannot, subject, .org(.orgRead))
        }
        if let p = projects.firstIndex(where: { $0.people.contains { $0.role == .role(.owner) } }) {
            let owner = projects[p].people.first { $0.role == .role(.owner) }!.person
            add(.can, person(owner), .project(.tokensManage), on: projects[p].id)
        }
        if let p = projects.firstIndex(where: { $0.people.contains { $0.role == .none } }) {
            let listed = projects[p].people.first { $0.role == .none }!.person
            add(.cannot, person(listed), .project(.projectRead), on: projects[p].id)
        }
        if let p = projects.firstIndex(where: { $0.people.contains { $0.role == .role(.reader) } }) {
            let reader = projects[p].people.first { $0.role == .role(.reader) }!.person
            add(.can, person(reader), .project(.contentRead), on: projects[p].id)
            add(.cannot, person(reader), .project(.contentWrite), on: projects[p].id)
        }
        if let p = projects.firstIndex(where: { !$0.facebookAdmins.isEmpty }) {
            add(.can, projects[p].facebookAdmins[0], .project(.analyticsFacebook), on: projects[p].id)
        }
        if let p = projects.firstIndex(where: { !$0.handoverAgents.isEmpty }) {
            add(.can, projects[p].handoverAgents[0], .project(.handover), on: projects[p].id)
        }
        if let p = projects.firstIndex(where: { !$0.templates.isEmpty }) {
            add(.can, person(projects[p].templates[0].person), .project(.projectRead), on: projects[p].id)
        }
        // A token never holds anything on another project.
        if projects.count >= 2, let p = projects.firstIndex(where: { !$0.tokens.isEmpty }) {
            let other = projects[p == 0 ? 1 : 0].id
            let token = Subject.token(project: projects[p].id, token: projects[p].tokens[0].name)
            add(.cannot, token, .scope(.contentRead), on: other)
            add(.cannot, token, .scope(.eventsWrite), on: other)
        }
        return out
    }
}
