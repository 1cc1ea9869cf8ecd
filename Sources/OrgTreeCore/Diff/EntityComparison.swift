/// Changes to the things of the tree: the organization's settings, people (and renames),
/// teams, projects, agencies, tokens and assertions. Values are compared, never text:
/// order, formatting and comments do not count, nor does writing a value's default.
struct EntityComparison {
    let old: OrgTree
    let new: OrgTree
    let matching: SubjectMatching
    private(set) var changes: [DiffChange] = []

    init(old: OrgTree, new: OrgTree, matching: SubjectMatching) {
        self.old = old
        self.new = new
        self.matching = matching
    }

    static func changes(old: OrgTree, new: OrgTree, matching: SubjectMatching) -> [DiffChange] {
        var comparison = EntityComparison(old: old, new: new, matching: matching)
        comparison.organization()
        comparison.people()
        comparison.teams()
        comparison.projects()
        comparison.agencies()
        comparison.tokens()
        comparison.assertions()
        return comparison.changes
    }

    // MARK: Recording

    private struct Target {
        var kind: EntityChange.Kind
        var id: String
        var subject: Subject?
        var approvers: [Approver]
    }

    private mutating func record(_ target: Target, _ entity: EntityChange, at location: SourceLocation?, was: SourceLocation?) {
        func chain(_ location: SourceLocation?, _ text: String) -> [Provenance] {
            location.map { [Provenance([ProvenanceStep(text, at: $0)])] } ?? []
        }
        var label = entity.field ?? entity.action.rawValue
        if !entity.added.isEmpty || !entity.removed.isEmpty {
            label += " " + (entity.added.map { "+" + $0 } + entity.removed.map { "−" + $0 }).joined(separator: " ")
        }
        var change = DiffChange(subject: target.subject, renamedFrom: nil, detail: .entity(entity), risk: .low, riskReasons: [],
                                approvers: target.approvers,
                                via: chain(location, entity.to.map { "\(label): \($0)" } ?? label),
                                wasVia: chain(was, entity.from.map { "\(label): \($0)" } ?? label))
        DiffRiskRules.entity(&change, entity)
        changes.append(change)
    }

    private mutating func lifecycle(_ target: Target, _ action: EntityChange.Action, file: String, oldID: String? = nil, note: String? = nil) {
        let entity = EntityChange(kind: target.kind, id: target.id, action: action, oldID: oldID, note: note)
        let location = SourceLocation.start(of: file)
        record(target, entity, at: action == .removed ? nil : location, was: action == .added ? nil : location)
    }

    /// A scalar field; `fallback` is the value an absent key means.
    private mutating func scalar(_ target: Target, _ field: String, _ a: Located<String>?, _ b: Located<String>?,
                                 fallback: String? = nil, equal: (String, String) -> Bool = { $0 == $1 }) {
        let before = a?.value ?? fallback, after = b?.value ?? fallback
        switch (before, after) {
        case (nil, nil): return
        case (let x?, let y?) where equal(x, y): return
        default: break
        }
        record(target, EntityChange(kind: target.kind, id: target.id, action: .modified, field: field, from: before, to: after),
               at: b?.location, was: a?.location)
    }

    /// A list field compared as a set.
    private mutating func list(_ target: Target, _ field: String, _ a: [Located<String>], _ b: [Located<String>],
                               map: (String) -> String = { $0 }) {
        let before = Set(a.map { map($0.value) }), after = Set(b.map(\.value))
        guard before != after else { return }
        let added = after.subtracting(before), removed = before.subtracting(after)
        var entity = EntityChange(kind: target.kind, id: target.id, action: .modified, field: field)
        entity.added = added.sorted()
        entity.removed = removed.sorted()
        record(target, entity, at: b.first { added.contains($0.value) }?.location ?? b.first?.location,
               was: a.first { removed.contains(map($0.value)) }?.location)
    }

    private func text<T>(_ value: Located<T>?, _ describe: (T) -> String) -> Located<String>? {
        value.map { Located(describe($0.value), at: $0.location) }
    }

    // MARK: Organization

    private mutating func organization() {
        let a = old.organization, b = new.organization
        let org = Target(kind: .organization, id: b?.id?.value ?? a?.id?.value ?? "organization", subject: nil, approvers: [.orgAdmin])
        let billing = Target(kind: org.kind, id: org.id, subject: nil, approvers: [.orgPermission(.billingManage)])
        let owner = Target(kind: org.kind, id: org.id, subject: nil, approvers: [.orgOwner])
        scalar(org, "id", a?.id, b?.id)
        scalar(org, "name", a?.name, b?.name)
        scalar(owner, "createdBy", a?.createdBy.map { Located(matching.newKey($0.value), at: $0.location) }, b?.createdBy)
        scalar(billing, "plan.name", a?.plan?.name, b?.plan?.name)
        scalar(billing, "plan.projects", text(a?.plan?.projects, String.init), text(b?.plan?.projects, String.init))
        scalar(billing, "plan.extraProjects", text(a?.plan?.extraProjects, String.init), text(b?.plan?.extraProjects, String.init),
               fallback: "0")
        scalar(billing, "plan.agreement", text(a?.plan?.agreement, \.rawValue), text(b?.plan?.agreement, \.rawValue),
               fallback: Agreement.standard.rawValue)
        scalar(billing, "billing.paymentMethod", text(a?.billing?.paymentMethod, \.rawValue), text(b?.billing?.paymentMethod, \.rawValue))
        scalar(billing, "billing.invoiceEmail", a?.billing?.invoiceEmail, b?.billing?.invoiceEmail,
               equal: { $0.lowercased() == $1.lowercased() })
        scalar(org, "defaults.projectRole", text(a?.defaultProjectRole, \.description), text(b?.defaultProjectRole, \.description),
               fallback: "editor")
    }

    // MARK: People

    private static func note(_ person: PersonDocument) -> String {
        let name = person.displayName
        guard let email = person.email?.value else { return name }
        return name.isEmpty ? "<\(email)>" : "\(name) <\(email)>"
    }

    private mutating func people() {
        // Both lists are sorted by file: walk them side by side, comparing in place (a
        // person's document is large to copy), and look closer only where they differ.
        let a = old.allPeopleByPath, b = new.allPeopleByPath
        var subjects: [Subject] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i].file == b[j].file {
                if !Self.sameProfile(a[i], b[j]) { subjects.append(b[j].subject) }
                i += 1
                j += 1
            } else if j == b.count || (i < a.count && a[i].file < b[j].file) {
                if !new.hasPerson(matching.newSubject(a[i].subject)) { subjects.append(a[i].subject) }
                i += 1
            } else {
                subjects.append(b[j].subject)
                j += 1
            }
        }
        for subject in subjects {
            let before = old.person(matching.oldSubject(subject)), after = new.person(subject)
            let kind: EntityChange.Kind
            let approvers: [Approver]
            switch subject {
            case .agencyPerson(let agency, _):
                kind = .agencyPerson
                approvers = [.agencyOwner(agency)]
            default:
                kind = .person
                approvers = [.orgAdmin]
            }
            let target = Target(kind: kind, id: subject.description, subject: subject, approvers: approvers)
            guard let after else {
                lifecycle(target, .removed, file: before!.file, note: Self.note(before!))
                continue
            }
            guard let before else {
                let invite = kind == .person ? Target(kind: kind, id: target.id, subject: subject, approvers: [.orgPermission(.membersInvite)]) : target
                lifecycle(invite, .added, file: after.file, note: Self.note(after))
                continue
            }
            if before.subject != after.subject {
                lifecycle(target, .renamed, file: after.file, oldID: before.subject.description, note: Self.note(after))
            }
            scalar(target, "firstName", before.firstName, after.firstName)
            scalar(target, "lastName", before.lastName, after.lastName)
            scalar(target, "email", before.email, after.email, equal: { $0.lowercased() == $1.lowercased() })
            scalar(target, "tfa.method", text(before.tfaMethod, \.rawValue), text(after.tfaMethod, \.rawValue))
            scalar(target, "tfa.mobile", before.mobile, after.mobile)
            scalar(target, "facebookId", before.facebookID, after.facebookID)
            scalar(target, "slackId", before.slackID, after.slackID)
            scalar(target, "jobTitle", before.jobTitle, after.jobTitle)
        }
    }

    /// Every field of the profile has the same value (e-mail compared case-insensitively).
    private static func sameProfile(_ a: PersonDocument, _ b: PersonDocument) -> Bool {
        a.firstName?.value == b.firstName?.value && a.lastName?.value == b.lastName?.value
            && a.email?.value.lowercased() == b.email?.value.lowercased() && a.tfaMethod?.value == b.tfaMethod?.value
            && a.mobile?.value == b.mobile?.value && a.facebookID?.value == b.facebookID?.value
            && a.slackID?.value == b.slackID?.value && a.jobTitle?.value == b.jobTitle?.value
    }

    // MARK: Teams

    private mutating func teams() {
        let matching = self.matching
        for id in Set(old.teams.keys).union(new.teams.keys).sorted() {
            let target = Target(kind: .team, id: id, subject: nil, approvers: [.orgAdmin])
            switch (old.teams[id], new.teams[id]) {
            case (let a?, nil): lifecycle(target, .removed, file: a.file, note: a.name?.value)
            case (nil, let b?): lifecycle(target, .added, file: b.file, note: b.name?.value)
            case (let a?, let b?):
                scalar(target, "name", a.name, b.name)
                list(target, "members", a.members, b.members, map: matching.newKey)
                list(target, "includes", a.includes, b.includes)
            default: break
            }
        }
    }

    // MARK: Projects

    private mutating func projects() {
        for id in Set(old.projects.keys).union(new.projects.keys).sorted() {
            let target = Target(kind: .project, id: id, subject: nil, approvers: [.projectOwner([id])])
            switch (old.projects[id], new.projects[id]) {
            case (let a?, nil):
                lifecycle(target, .removed, file: a.file, note: a.name?.value)
            case (nil, let b?):
                lifecycle(Target(kind: .project, id: id, subject: nil, approvers: [.orgPermission(.projectsCreate)]),
                          .added, file: b.file, note: b.name?.value)
            case (let a?, let b?):
                scalar(target, "name", a.name, b.name)
                list(target, "environments", a.environments.map { Located($0.value.rawValue, at: $0.location) },
                     b.environments.map { Located($0.value.rawValue, at: $0.location) })
                scalar(target, "access.default", text(a.accessDefault, \.description), text(b.accessDefault, \.description),
                       fallback: "(org default)")
                scalar(target, "handover.slack", text(a.handoverSlack) { String($0) }, text(b.handoverSlack) { String($0) }, fallback: "false")
                let agencies = Set(a.partners.map(\.agency.value)).union(b.partners.map(\.agency.value))
                for agency in agencies.sorted() {
                    let enabled = { (p: ProjectDocument) in p.partners.last { $0.agency.value == agency }.map { Located(String($0.enabled?.value ?? false), at: $0.enabled?.location ?? $0.agency.location) } }
                    scalar(target, "partners.\(agency).enabled", enabled(a), enabled(b), fallback: "false")
                }
            default: break
            }
        }
    }

    // MARK: Agencies

    private mutating func agencies() {
        let matching = self.matching
        for id in Set(old.partners.keys).union(new.partners.keys).sorted() {
            let target = Target(kind: .agency, id: id, subject: nil, approvers: [.orgPermission(.partnersManage)])
            switch (old.partners[id], new.partners[id]) {
            case (let a?, nil): lifecycle(target, .removed, file: a.file, note: a.name?.value)
            case (nil, let b?): lifecycle(target, .added, file: b.file, note: b.name?.value)
            case (let a?, let b?):
                scalar(target, "name", a.name, b.name)
                let status = text(b.status, \.rawValue)
                scalar(target, "status", text(a.status, \.rawValue), status)
                scalar(target, "owner", a.owner.map { Located(matching.newAgencyPersonID($0.value, agency: id), at: $0.location) }, b.owner)
                let activations = Target(kind: .agency, id: id, subject: nil, approvers: [.agencyOwner(id)])
                let projects = Set(a.activations.map(\.project.value)).union(b.activations.map(\.project.value))
                for project in projects.sorted() {
                    let before = a.activations.filter { $0.project.value == project }.flatMap(\.people)
                    let after = b.activations.filter { $0.project.value == project }.flatMap(\.people)
                    list(activations, "activations.\(project)", before, after, map: { matching.newAgencyPersonID($0, agency: id) })
                }
            default: break
            }
        }
    }

    // MARK: Tokens

    private mutating func tokens() {
        for project in Set(old.tokens.keys).union(new.tokens.keys).sorted() {
            let before = Dictionary((old.tokens[project] ?? []).map { ($0.id.value, $0) }) { first, _ in first }
            let after = Dictionary((new.tokens[project] ?? []).map { ($0.id.value, $0) }) { first, _ in first }
            for id in Set(before.keys).union(after.keys).sorted() {
                let subject = Subject.token(project: project, token: id)
                let target = Target(kind: .token, id: "\(project)/\(id)", subject: subject, approvers: [.projectOwner([project])])
                switch (before[id], after[id]) {
                case (let a?, nil):
                    record(target, EntityChange(kind: .token, id: target.id, action: .removed), at: nil, was: a.id.location)
                case (nil, let b?):
                    record(target, EntityChange(kind: .token, id: target.id, action: .added, note: b.scopes.map(\.value.rawValue).joined(separator: ", ")),
                           at: b.id.location, was: nil)
                case (let a?, let b?):
                    scalar(target, "owner", a.owner.map { Located(matching.newKey($0.value), at: $0.location) }, b.owner)
                    scalar(target, "environment", text(a.environment, \.rawValue), text(b.environment, \.rawValue))
                    list(target, "scopes", a.scopes.map { Located($0.value.rawValue, at: $0.location) },
                         b.scopes.map { Located($0.value.rawValue, at: $0.location) })
                    scalar(target, "expires", text(a.expires, \.description), text(b.expires, \.description))
                default: break
                }
            }
        }
    }

    // MARK: Assertions

    private mutating func assertions() {
        func key(_ a: Assertion, _ map: (Subject) -> Subject) -> String {
            "\(a.expectation.rawValue) \(map(a.subject.value)) \(a.capability.value)" + (a.project.map { " on \($0.value)" } ?? "")
        }
        var before: [String: [Assertion]] = [:], after: [String: [Assertion]] = [:]
        for a in old.assertions { before[key(a, matching.newSubject), default: []].append(a) }
        for a in new.assertions { after[key(a, { $0 }), default: []].append(a) }
        let target = Target(kind: .assertion, id: "", subject: nil, approvers: [])
        for text in Set(before.keys).union(after.keys).sorted() {
            let a = before[text] ?? [], b = after[text] ?? []
            for extra in b.dropFirst(a.count) {
                record(Target(kind: target.kind, id: text, subject: nil, approvers: []),
                       EntityChange(kind: .assertion, id: text, action: .added), at: extra.location, was: nil)
            }
            for missing in a.dropFirst(b.count) {
                record(Target(kind: target.kind, id: text, subject: nil, approvers: []),
                       EntityChange(kind: .assertion, id: text, action: .removed), at: nil, was: missing.location)
            }
        }
    }
}
