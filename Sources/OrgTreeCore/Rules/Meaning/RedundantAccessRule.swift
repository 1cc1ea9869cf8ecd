/// An entry for an org owner or admin in a project's access that has no effect.
public struct RedundantAccessRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .redundantAccess,
        summary: "An org owner or admin has a role entry (owner, editor, reader or a template role) in a project's access.people or access.templates.",
        rationale: "Owners and admins are owners of every project, so the entry has no effect while they hold the org role; it is not wrong (it may say what they keep after a role change), but reviewers should not read it as a limit. Remove it if it is not meant for later.",
        triggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    ↓ann: reader\n    bob: editor\n"]),
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\ntemplates: [faq]\naccess:\n  templates:\n    ↓ann:\n      role: template-editor\n      templates: [faq]\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    bob: owner\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for id in context.tree.projectIDs {
            let project = context.tree.projects[id]!
            let entries = project.people.compactMap { person, setting in setting.value.role.map { (person, $0.rawValue) } }
                + project.templates.map { ($0.person, $0.role?.value.rawValue ?? "a template role") }
            for (person, written) in entries {
                guard let (role, chain) = context.engine.orgRole(of: person.value), role.isProjectOwnerEverywhere else { continue }
                out.append(Diagnostic(.redundantAccess, "\(person.value) is an org \(role.rawValue) (\(chain.steps[0].location.fileAndLine)) and so an owner of every project; '\(written)' here has no effect while they hold that role", at: person.location))
            }
        }
        return out
    }
}
