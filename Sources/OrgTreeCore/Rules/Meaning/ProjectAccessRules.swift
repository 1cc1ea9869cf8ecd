/// An org owner or admin set to `none` on a project.
public struct OwnerExcludedRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .ownerExcluded,
        summary: "An org owner or admin is set to none in a project's access.people.",
        rationale: "Owners and admins are owners of every project and cannot be shut out of one; to take a project away from them, change their org role in organization.yaml.",
        triggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    ↓ann: none\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    bob: none\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.projectIDs.flatMap { id in
            context.tree.projects[id]!.people.compactMap { person, setting -> Diagnostic? in
                guard setting.value == .none, let (role, chain) = context.engine.orgRole(of: person.value),
                      role.isProjectOwnerEverywhere else { return nil }
                return Diagnostic(.ownerExcluded, "\(person.value) is an org \(role.rawValue) (\(chain.steps[0].location.fileAndLine)) and so an owner of every project; 'none' cannot shut them out: remove the entry, or change their org role in organization.yaml", at: person.location)
            }
        }
    }
}

/// A template role without templates.
public struct TemplateRoleNeedsTemplatesRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .templateRoleNeedsTemplates,
        summary: "A template-editor or template-reader entry lists no templates.",
        rationale: "The legacy template roles are restricted to listed templates; with none listed the entry grants nothing.",
        triggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq, welcome-flow]\naccess:\n  templates:\n    bob:\n      role: template-editor\n      templates: ↓[]\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq, welcome-flow]\naccess:\n  templates:\n    bob:\n      role: template-editor\n      templates: [welcome-flow]\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.projectIDs.flatMap { id in
            context.tree.projects[id]!.templates.compactMap { grant -> Diagnostic? in
                guard grant.templates.isEmpty, let role = grant.role else { return nil }
                return Diagnostic(.templateRoleNeedsTemplates, "\(grant.person.value) is \(role.value.rawValue) on \(id) but no templates are listed", at: grant.templatesLocation)
            }
        }
    }
}

/// A person in both access.people and access.templates of one project.
public struct ConflictingAccessRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .conflictingAccess,
        summary: "A person stands in both access.people and access.templates of the same project.",
        rationale: "A person has one role on a project; choose a whole-project role or a template role.",
        triggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq]\naccess:\n  people:\n    bob: reader\n  templates:\n    ↓bob:\n      role: template-editor\n      templates: [faq]\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq, welcome-flow]\naccess:\n  templates:\n    bob:\n      role: template-editor\n      templates: [faq]\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.projectIDs.flatMap { id -> [Diagnostic] in
            let project = context.tree.projects[id]!
            let people = Dictionary(project.people.map { ($0.person.value, $0.person.location) }, uniquingKeysWith: { a, _ in a })
            return project.templates.compactMap { grant in
                guard let other = people[grant.person.value] else { return nil }
                return Diagnostic(.conflictingAccess, "\(grant.person.value) is in both access.people (line \(other.line)) and access.templates of \(id); keep one", at: grant.person.location)
            }
        }
    }
}
