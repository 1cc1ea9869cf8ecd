/// A validation rule: its name, what it checks, and examples that are both its
/// documentation and its tests (every triggering example must produce exactly the
/// diagnostics marked with `↓`, every non-triggering example none at all).
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
}

/// A rule that inspects the assembled tree. Structural rules (YAML, keys, types) are
/// applied while files are read and carry only their description.
public protocol TreeRule: Rule {
    init()
    func check(_ context: RuleContext) -> [Diagnostic]
}

public struct RuleDescription: Sendable {
    public var name: RuleName
    /// One sentence: what the rule finds.
    public var summary: String
    /// Why it matters, or how to fix it.
    public var rationale: String
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(name: RuleName, summary: String, rationale: String,
                triggering: [RuleExample], nonTriggering: [RuleExample] = []) {
        self.name = name
        self.summary = summary
        self.rationale = rationale
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    public var severity: Severity { name.severity }
}

/// What every rule sees: the tree, the access engine over it, the day to evaluate on, how
/// many days ahead a token's expiry is warned of (`--expiry-warning`), and the outcome of
/// every assertion on that day (evaluated once, when not given).
public struct RuleContext: Sendable {
    public var tree: OrgTree
    public var engine: AccessEngine
    public var day: Day
    public var expiryWarningDays: Int
    public var assertionOutcomes: AssertionOutcomes

    public init(tree: OrgTree, engine: AccessEngine, day: Day, expiryWarningDays: Int = RuleContext.defaultExpiryWarningDays,
                assertionOutcomes: AssertionOutcomes? = nil) {
        self.tree = tree
        self.engine = engine
        self.day = day
        self.expiryWarningDays = expiryWarningDays
        self.assertionOutcomes = assertionOutcomes ?? AssertionOutcomes(tree: tree, engine: engine, day: day)
    }

    /// `token-expires-soon` warns this many days ahead unless told otherwise.
    public static let defaultExpiryWarningDays = 30
}
