/// An access test in assertions/ that does not hold.
public struct AssertionFailedRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .assertionFailed,
        summary: "An assertion in assertions/ (can / cannot SUBJECT do PERMISSION on PROJECT, in ENV for a token's scopes) does not hold for the tree's effective access.",
        rationale: "Assertions are the tree's own access tests; the message explains why the access is (or is not) there, with file:line provenance.",
        triggering: [
            RuleExample(["assertions/billing.yaml": "- ↓can: bob\n  do: billing.manage\n- ↓cannot: ann\n  do: billing.manage\n- can: ann\n  do: project.delete\n  on: shop\n"]),
            // A token holds its scopes in its own environment only.
            RuleExample(["projects/shop/project.yaml": "name: Shop\nenvironments: [staging, production]\n",
                         "projects/shop/tokens.yaml": "tokens:\n  deploy:\n    owner: ann\n    environment: production\n    scopes: [content:write]\n    expires: 2099-01-01\n",
                         "assertions/tokens.yaml": "- ↓can: token:shop/deploy\n  do: content:write\n  env: staging\n- can: token:shop/deploy\n  do: content:write\n  env: production\n- can: bob\n  do: content.read\n  on: shop\n  env: staging\n"]),
        ],
        nonTriggering: [
            RuleExample(["assertions/billing.yaml": "- cannot: bob\n  do: billing.manage\n- can: ann\n  do: billing.manage\n- can: bob\n  do: content.write\n  on: shop\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        let tree = context.tree
        var out: [Diagnostic] = []
        for assertion in tree.assertions {
            let subject = assertion.subject.value
            let exists: Bool = switch subject {
            case .token(let project, let token): tree.token(project: project, id: token) != nil
            default: tree.person(subject) != nil
            }
            guard exists, assertion.project.map({ tree.projects[$0.value] != nil }) ?? true,
                  assertion.environment.map({ AccessEngine.missingEnvironment($0.value, on: assertion.project?.value ?? subject.tokenProject, in: tree) == nil }) ?? true else {
                continue  // reported by unknown-reference
            }
            let evaluation = context.engine.evaluate(subject, assertion.capability.value, on: assertion.project?.value,
                                                     in: assertion.environment?.value, at: context.day)
            if let problem = evaluation.problem {
                let orgInEnvironment = if case .org = assertion.capability.value { assertion.environment != nil } else { false }
                out.append(Diagnostic(.invalidValue, problem, at: orgInEnvironment ? assertion.environment!.location : assertion.capability.location))
                continue
            }
            let expected = assertion.expectation == .can
            guard evaluation.granted != expected else { continue }
            let on = (assertion.project.map { " on \($0.value)" } ?? "") + (assertion.environment.map { " in \($0.value.rawValue)" } ?? "")
            let claim = "\(subject) \(assertion.expectation.rawValue) \(assertion.capability.value)\(on)"
            var message: String
            var notes: [String]
            if expected {
                message = "assertion failed: \(claim), but it cannot"
                notes = evaluation.reasons.map(\.description)
            } else {
                message = "assertion failed: \(claim), but it can"
                notes = evaluation.chains.map { "granted by \($0)" }
            }
            if let first = notes.first { message += ": \(first)" }
            out.append(Diagnostic(.assertionFailed, message, at: assertion.location, notes: Array(notes.dropFirst())))
        }
        return out
    }
}
