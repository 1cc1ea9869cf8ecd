/// A Slack handover agent without a Slack ID.
public struct HandoverNeedsSlackIDRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .handoverNeedsSlackID,
        summary: "A project hands conversations over to Slack, but one of its handover agents has no slackId.",
        rationale: "Slack handover messages each agent in their personal channel; without a Slack ID the conversation reaches nobody.",
        triggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nhandover:\n  slack: true\n  agents: [↓bob]\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nhandover:\n  slack: false\n  agents: [bob]\n"]),
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\nslackId: U024BE7LH\n",
                         "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nhandover:\n  slack: true\n  agents: [bob]\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.projectIDs.flatMap { id -> [Diagnostic] in
            let project = context.tree.projects[id]!
            guard project.handoverSlack?.value == true else { return [] }
            return project.handoverAgents.compactMap { agent in
                guard let subject = Subject(agent.value), let person = context.tree.person(subject),
                      person.slackID == nil else { return nil }
                return Diagnostic(.handoverNeedsSlackID, "\(agent.value) is a handover agent on \(id), which hands over to Slack, but \(person.file) has no slackId", at: agent.location)
            }
        }
    }
}

/// A Facebook Analytics admin without a Facebook ID.
public struct FacebookNeedsFacebookIDRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .facebookNeedsFacebookID,
        summary: "A person who sets up Facebook Analytics on a project (facebookAnalytics.admins) has no facebookId.",
        rationale: "Facebook Analytics is linked to the person's Facebook account; without the ID it cannot be set up.",
        triggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nfacebookAnalytics:\n  admins: [ann, ↓bob]\n",
                         "people/ann.yaml": "firstName: Ann\nlastName: Lee\nemail: ann@acme.example\ntfa: {method: app}\nfacebookId: \"100004123456789\"\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nfacebookAnalytics:\n  admins: [ann]\n",
                         "people/ann.yaml": "firstName: Ann\nlastName: Lee\nemail: ann@acme.example\ntfa: {method: app}\nfacebookId: \"100004123456789\"\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.projectIDs.flatMap { id in
            context.tree.projects[id]!.facebookAdmins.compactMap { admin -> Diagnostic? in
                guard let subject = Subject(admin.value), let person = context.tree.person(subject),
                      person.facebookID == nil else { return nil }
                return Diagnostic(.facebookNeedsFacebookID, "\(admin.value) sets up Facebook Analytics on \(id) but \(person.file) has no facebookId", at: admin.location)
            }
        }
    }
}
