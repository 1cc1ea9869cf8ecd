/// An organization without any owner.
public struct NoOwnerRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .noOwner,
        summary: "roles.owners names no existing person of the organization.",
        rationale: "There is always at least one owner: only owners manage billing and invite other owners.",
        triggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 2\nbilling:\n  paymentMethod: card\nroles:\n  ↓owners: []\n  admins: [ann]\n"]),
        ],
        nonTriggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 2\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\n  admins: [bob]\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.tree.organization else { return [] }
        let existing = org.owners.filter { context.tree.people[$0.value] != nil }
        guard existing.isEmpty, let location = org.ownersKeyLocation else { return [] }
        return [Diagnostic(.noOwner, "the organization has no owner; list at least one person in roles.owners", at: location)]
    }
}

/// More projects than the plan allows.
public struct PlanExceededRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .planExceeded,
        summary: "The tree has more projects than plan.projects + plan.extraProjects.",
        rationale: "Raise extraProjects (a purchase) or remove a project; there is no limit on people. Under an enterprise agreement the limit applies only where plan.projects or plan.extraProjects is written.",
        triggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: starter\n  projects: ↓1\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\n",
                         "projects/web/project.yaml": "name: Web\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: enterprise\n  agreement: enterprise\n  extraProjects: ↓1\nroles:\n  owners: [ann]\n",
                         "projects/web/project.yaml": "name: Web\n"]),
        ],
        nonTriggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: starter\n  projects: 1\n  extraProjects: 1\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\n",
                         "projects/web/project.yaml": "name: Web\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: enterprise\n  agreement: enterprise\nroles:\n  owners: [ann]\n",
                         "projects/web/project.yaml": "name: Web\n", "projects/app/project.yaml": "name: App\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard let plan = context.tree.organization?.plan, let limit = plan.projectLimit,
              let written = plan.projects?.location ?? plan.extraProjects?.location else { return [] }
        let count = context.tree.projects.count
        guard count > limit else { return [] }
        return [Diagnostic(.planExceeded, "the tree has \(counted(count, "project")) but the plan allows \(limit) (\(plan.projects?.value ?? 0) included + \(plan.extraProjects?.value ?? 0) extra); raise plan.extraProjects or remove a project", at: written)]
    }
}

/// A plan without a payment method, outside an enterprise agreement.
public struct PaymentMethodRequiredRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .paymentMethodRequired,
        summary: "The organization is not under an enterprise agreement and has no billing.paymentMethod.",
        rationale: "Unless under an enterprise agreement, an organization's plan needs a payment method.",
        triggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\n↓plan:\n  name: growth\n  projects: 2\nroles:\n  owners: [ann]\n"]),
        ],
        nonTriggering: [
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: enterprise\n  projects: 2\n  agreement: enterprise\nroles:\n  owners: [ann]\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.tree.organization, let plan = org.plan, !plan.isEnterprise,
              org.billing?.paymentMethod == nil else { return [] }
        let location = org.billing?.location ?? org.planKeyLocation ?? plan.location
        return [Diagnostic(.paymentMethodRequired, "the plan is not under an enterprise agreement, so billing.paymentMethod (card, invoice or sepa) is required", at: location)]
    }
}
