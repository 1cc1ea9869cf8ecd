/// A reference to a person, team, project, agency, agency person, token or template that
/// does not exist (templates: the ones the project declares, docs/access-model.md §3).
public struct UnknownReferenceRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .unknownReference,
        summary: "A reference names a person, team, project, agency, agency person, token or template (of the project's templates list) the tree does not have.",
        rationale: "A typo in a name would silently grant nothing (or the wrong thing); every reference must resolve.",
        triggering: [
            RuleExample(["teams/core.yaml": "name: Core\nmembers: [ann, ↓bobby]\nincludes: [↓platform]\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    ↓carol: reader\n  teams:\n    ↓ops: editor\n"]),
            RuleExample(["assertions/shop.yaml": "- can: ↓zed\n  do: project.read\n  on: ↓web\n- can: bob\n  do: content.read\n  on: shop\n  env: ↓staging\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq, smalltalk]\naccess:\n  templates:\n    bob:\n      role: template-editor\n      templates: [faq, ↓smaltalk]\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  templates:\n    bob:\n      role: template-reader\n      templates: [↓faq]\n"]),
        ],
        nonTriggering: [
            RuleExample(["teams/core.yaml": "name: Core\nmembers: [ann, bob]\n",
                         "assertions/shop.yaml": "- can: bob\n  do: project.read\n  on: shop\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq, smalltalk]\naccess:\n  templates:\n    bob:\n      role: template-editor\n      templates: [smalltalk]\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let tree = context.tree
        var out: [Diagnostic] = []

        /// An org person or an agency person; agency people in org-only places are
        /// `partner-not-allowed`, reported there, but they must still exist.
        func person(_ ref: Located<String>, _ what: String) {
            guard let subject = Subject(ref.value) else { return }
            if tree.person(subject) == nil {
                let message = "\(what) names '\(ref.value)', but there is no \(subject.path)" + tree.didYouMean(subject: subject)
                out.append(Diagnostic(.unknownReference, message, at: ref.location))
            }
        }
        func team(_ ref: Located<String>, _ what: String) {
            if tree.teams[ref.value] == nil {
                let message = "\(what) names team '\(ref.value)', but there is no teams/\(ref.value).yaml"
                    + Suggestion.didYouMean(ref.value, among: tree.teamIDs)
                out.append(Diagnostic(.unknownReference, message, at: ref.location))
            }
        }
        func project(_ ref: Located<String>, _ what: String) {
            if tree.projects[ref.value] == nil {
                let message = "\(what) names project '\(ref.value)', but there is no projects/\(ref.value)/project.yaml"
                    + Suggestion.didYouMean(ref.value, among: tree.projectIDs)
                out.append(Diagnostic(.unknownReference, message, at: ref.location))
            }
        }

        if let org = tree.organization {
            org.createdBy.map { person($0, "createdBy") }
            org.owners.forEach { person($0, "roles.owners") }
            org.admins.forEach { person($0, "roles.admins") }
            for (permission, people) in org.permissions {
                people.forEach { person($0, "permissions.\(permission.value.rawValue)") }
            }
        }
        for id in tree.teamIDs {
            let t = tree.teams[id]!
            t.members.forEach { person($0, "team \(id)") }
            t.includes.forEach { team($0, "team \(id)") }
        }
        for id in tree.projectIDs {
            let p = tree.projects[id]!
            p.people.forEach { person($0.person, "access.people") }
            p.teams.forEach { team($0.team, "access.teams") }
            p.templates.forEach { person($0.person, "access.templates") }
            let declared = p.declaredTemplates.map(\.value)
            for grant in p.templates {
                for name in grant.templates where !declared.contains(name.value) {
                    var message = "access.templates.\(grant.person.value) names template '\(name.value)', but \(p.file) "
                    if declared.isEmpty {
                        message += "declares no templates; add 'templates: [\(name.value)]' to it"
                    } else if let s = Suggestion.closest(to: name.value, among: declared) {
                        message += "declares only \(declared.joined(separator: ", ")); did you mean '\(s)'?"
                    } else {
                        message += "declares only \(declared.joined(separator: ", ")); add it to templates or fix the name"
                    }
                    out.append(Diagnostic(.unknownReference, message, at: name.location))
                }
            }
            p.handoverAgents.forEach { person($0, "handover.agents") }
            p.facebookAdmins.forEach { person($0, "facebookAnalytics.admins") }
            for partner in p.partners {
                if tree.partners[partner.agency.value] == nil {
                    out.append(Diagnostic(.unknownReference, "partners names agency '\(partner.agency.value)', but there is no partners/\(partner.agency.value)/partner.yaml"
                                          + Suggestion.didYouMean(partner.agency.value, among: tree.partnerIDs), at: partner.agency.location))
                }
                partner.people.forEach { person($0.subject, "partners.\(partner.agency.value).people") }
            }
        }
        for projectID in tree.tokens.keys.sorted() {
            for token in tree.tokens[projectID]! {
                token.owner.map { person($0, "token \(token.id.value)'s owner") }
            }
        }
        for id in tree.partnerIDs {
            let partner = tree.partners[id]!
            let people = tree.agencyPeople[id] ?? [:]
            if let owner = partner.owner, people[owner.value] == nil {
                out.append(Diagnostic(.unknownReference, "the owner of agency \(id) is '\(owner.value)', but there is no partners/\(id)/people/\(owner.value).yaml"
                                          + Suggestion.didYouMean(owner.value, among: people.keys.sorted()), at: owner.location))
            }
            for (projectRef, activated) in partner.activations {
                project(projectRef, "activations")
                for p in activated where people[p.value] == nil {
                    out.append(Diagnostic(.unknownReference, "activations.\(projectRef.value) names '\(p.value)', but there is no partners/\(id)/people/\(p.value).yaml"
                                              + Suggestion.didYouMean(p.value, among: people.keys.sorted()), at: p.location))
                }
            }
        }
        for assertion in tree.assertions {
            switch assertion.subject.value {
            case .token(let projectID, let tokenID):
                if tree.token(project: projectID, id: tokenID) == nil {
                    out.append(Diagnostic(.unknownReference, "the assertion names \(assertion.subject.value), but projects/\(projectID)/tokens.yaml has no token '\(tokenID)'"
                                              + tree.didYouMean(subject: assertion.subject.value), at: assertion.subject.location))
                }
            case let subject:
                person(Located(subject.description, at: assertion.subject.location), "the assertion")
            }
            assertion.project.map { project($0, "the assertion") }
            if let environment = assertion.environment,
               let problem = AccessEngine.missingEnvironment(environment.value, on: assertion.project?.value ?? assertion.subject.value.tokenProject, in: tree) {
                out.append(Diagnostic(.unknownReference, "the assertion asks about \(problem)", at: environment.location))
            }
        }
        return out
    }
}
