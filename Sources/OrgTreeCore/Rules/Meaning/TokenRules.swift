/// A token for an environment its project does not have.
public struct TokenUnknownEnvironmentRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .tokenUnknownEnvironment,
        summary: "A token names an environment that its project does not list in environments.",
        rationale: "A token for a missing environment holds no scope; add the environment or fix the token.",
        triggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: ↓staging\n    scopes: [content:read]\n    expires: 2030-01-31\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: 2030-01-31\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.tokens.keys.sorted().flatMap { projectID in
            context.tree.tokens[projectID]!.compactMap { token -> Diagnostic? in
                guard let environment = token.environment, let project = context.tree.projects[projectID],
                      !project.hasEnvironment(environment.value) else { return nil }
                let listed = project.environments.map(\.value.rawValue).joined(separator: ", ")
                return Diagnostic(.tokenUnknownEnvironment, "token \(token.id.value) is for \(environment.value.rawValue), but \(projectID) has no such environment (it has: \(listed.isEmpty ? "none" : listed))", at: environment.location)
            }
        }
    }
}

/// A token owned by someone who may not manage the project's tokens.
public struct TokenOwnerNotAllowedRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .tokenOwnerNotAllowed,
        summary: "A token's owner does not hold tokens.manage on the token's project (only project owners do), or is an agency person.",
        rationale: "A token acts for its owner; it holds its scopes only while the owner may manage the project's tokens.",
        triggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ↓bob\n    environment: production\n    scopes: [content:read]\n    expires: 2030-01-31\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    bob: owner\n",
                         "projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: bob\n    environment: production\n    scopes: [content:read]\n    expires: 2030-01-31\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.tokens.keys.sorted().flatMap { projectID in
            context.tree.tokens[projectID]!.compactMap { token -> Diagnostic? in
                guard let owner = token.owner, let subject = Subject(owner.value),
                      context.tree.person(subject) != nil, context.tree.projects[projectID] != nil else { return nil }
                if case .agencyPerson = subject {
                    return Diagnostic(.tokenOwnerNotAllowed, "\(owner.value) is an agency person and cannot own a token of \(projectID)", at: owner.location)
                }
                let access = context.engine.projectAccess(of: subject, on: projectID)
                if context.engine.permissions(from: access, of: subject, on: projectID)[.tokensManage] != nil { return nil }
                let held = access.role.map { "is \($0.rawValue)" } ?? "has no access"
                return Diagnostic(.tokenOwnerNotAllowed, "\(owner.value) \(held) on \(projectID) and so lacks tokens.manage (owners only); make them a project owner or give the token another owner", at: owner.location)
            }
        }
    }
}

/// A token past its expiry date.
public struct TokenExpiredRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .tokenExpired,
        summary: "A token's expiry date has passed (on the evaluation day, --at, default today).",
        rationale: "An expired token holds no scope. Renew it with a new date or remove it. A warning: the tree stays valid.",
        triggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: ↓2020-01-31\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: 2030-01-31\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.tokens.keys.sorted().flatMap { projectID in
            context.tree.tokens[projectID]!.compactMap { token -> Diagnostic? in
                guard let expires = token.expires, expires.value < context.day else { return nil }
                return Diagnostic(.tokenExpired, "token \(token.id.value) expired on \(expires.value) and holds no scope; renew or remove it", at: expires.location)
            }
        }
    }
}

/// A token that expires within `--expiry-warning` days (30 by default), so that CI warns
/// before a deploy token dies.
public struct TokenExpiresSoonRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .tokenExpiresSoon,
        summary: "A token expires within the warning window: on the evaluation day (--at) or in the days after it (--expiry-warning DAYS, default 30).",
        rationale: "A deploy job fails the day its token expires. Renew the token (a new expires date) before then. A warning: the tree stays valid; --expiry-warning 0 turns it off.",
        triggering: [
            // The examples are evaluated on 2026-06-01: the last day, and 30 days ahead.
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: ↓2026-06-01\n"]),
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: ↓2026-07-01\n"]),
        ],
        nonTriggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: 2026-07-02\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        guard context.expiryWarningDays > 0 else { return [] }
        let last = context.day.adding(days: context.expiryWarningDays)
        return context.tree.tokens.keys.sorted().flatMap { projectID in
            context.tree.tokens[projectID]!.compactMap { token -> Diagnostic? in
                guard let expires = token.expires, expires.value >= context.day, expires.value <= last else { return nil }
                let left = expires.value.days(since: context.day)
                let when = switch left {
                case 0: "today"
                case 1: "tomorrow"
                default: "in \(left) days"
                }
                return Diagnostic(.tokenExpiresSoon, "token \(token.id.value) stops working after \(expires.value) (\(when)); renew it before then", at: expires.location)
            }
        }
    }
}

/// A credential written into the tree.
public struct SecretInTreeRule: Rule {
    /// A token secret as apply writes them: `otk_` and 64 hex digits.
    private static let tokenSecret = "otk_3f9a1c0e7b2d4a6f8e1c3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f2a"
    private static let bob = "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"

    public static let description = RuleDescription(
        name: .secretInTree,
        summary: "A key named like a secret (secret, password, apiKey, …), text shaped like a known credential (private keys, orgtree token secrets `otk_…`, GitHub, Slack, AWS, payment API keys) in values or comments, or a value that looks random enough to be a generated key.",
        rationale: """
            The tree lives in Git, where every reader and every clone keeps a copy forever. Remove the secret and rotate it; token secrets live only (hashed) in the state store. \
            Values are checked as YAML reads them, so an escape (`"otk_ab\\x63d…"`) or an escaped line break does not hide a credential; the diagnostic then points at the start of the scalar. \
            A value with no known prefix is taken for a generated key when it has at least 24 characters, only the characters of base64 (`A–Z a–z 0–9 + / = _ -`), upper-case letters, lower-case letters and digits, and a Shannon entropy of at least 3.6 bits per character. \
            Ids, e-mail addresses, dates, URLs, version numbers, hex digests, UUIDs, `sha256:` hashes and sentences never match. \
            A value that matches and is no credential (a long mixed-case name with digits) is rare in a tree: write it with a space or in lower case; the rule cannot be silenced.
            """,
        triggering: [
            RuleExample(["projects/shop/tokens.yaml": "tokens:\n  ci-deploy:\n    owner: ann\n    environment: production\n    scopes: [content:read]\n    expires: 2030-01-31\n    ↓secret: s3cr3t-value\n"]),
            RuleExample(["people/bob.yaml": bob + "# slack bot: ↓xoxb-1234567890-abcdefghij\n"]),
            RuleExample(["people/bob.yaml": bob + "# ci-deploy: ↓\(tokenSecret)\n"]),
            RuleExample(["people/bob.yaml": bob + "jobTitle: ↓\(tokenSecret)\n"]),
            RuleExample(["people/bob.yaml": bob + #"jobTitle: ↓"otk_3f9a\x31c0e7b2d4a6f8e1c3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f2a""# + "\n"]),
            RuleExample(["people/bob.yaml": bob + #"jobTitle: ↓"otk_3f9a1c0e7b2d\"# + "\n  " + #"4a6f8e1c3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f2a""# + "\n"]),
            RuleExample(["people/bob.yaml": bob + "slackId: ↓hQ7vR2mXz9LpW4tK8sYcN3bF\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": bob + "slackId: U024BE7LH\njobTitle: Desk-top support\n"]),
            RuleExample(["people/bob.yaml": bob + "jobTitle: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"]),
            RuleExample(["people/bob.yaml": bob + "jobTitle: https://wiki.acme.example/teams/platform-engineering-2026\n# reviewed 2026-05-31 by ann@acme.example, commit 9c4763a1f0e2b3d4c5a6978877665544332211ff\n"]),
            RuleExample(["people/bob.yaml": bob + "jobTitle: Rotates the otk_ secrets\nslackId: UserAdmin2030\n"]),
        ])
}
