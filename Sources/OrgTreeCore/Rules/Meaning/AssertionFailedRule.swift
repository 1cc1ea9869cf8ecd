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

    /// The assertions were evaluated once for the whole validation (`AssertionOutcomes`).
    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.assertionOutcomes.diagnostics
    }
}
