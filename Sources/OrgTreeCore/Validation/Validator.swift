/// Runs every rule over a tree and returns all diagnostics in a stable order.
public struct Validator: Sendable {
    public var rules: [any TreeRule]
    /// How many days ahead `token-expires-soon` warns (`--expiry-warning`).
    public var expiryWarningDays: Int

    public init(rules: [any TreeRule] = RuleRegistry.treeRules.map { $0.init() },
                expiryWarningDays: Int = RuleContext.defaultExpiryWarningDays) {
        self.rules = rules
        self.expiryWarningDays = expiryWarningDays
    }

    /// Checks an assembled tree (read diagnostics are passed in and kept).
    public func validate(_ tree: OrgTree, readDiagnostics: [Diagnostic] = [], at day: Day) -> ValidationResult {
        let engine = AccessEngine(tree: tree)
        let context = RuleContext(tree: tree, engine: engine, day: day, expiryWarningDays: expiryWarningDays)
        // Rules are independent and pure: run them on all cores; sorting restores a stable order.
        let found = ConcurrentMap.map(rules) { $0.check(context) }
        return ValidationResult(tree: tree, engine: engine, diagnostics: Self.ordered(readDiagnostics + found.joined()),
                                assertionOutcomes: context.assertionOutcomes)
    }

    /// Reads, assembles and checks a tree given as texts (tests, examples, in-memory trees).
    public func validate(texts: [(path: String, text: String)], at day: Day) -> ValidationResult {
        let decoder = DocumentDecoder()
        let parsed = texts.map { decoder.decode(path: $0.path, bytes: Array($0.text.utf8)) }
        let (tree, diagnostics) = OrgTree.assemble(parsed)
        return validate(tree, readDiagnostics: diagnostics, at: day)
    }

    /// Sorted by place; the same finding reported twice is kept once; at most
    /// `DiagnosticCap.perRuleAndFile` of a rule in a file, and one that counts the rest.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return DiagnosticCap.apply(diagnostics.sorted().filter { seen.insert($0).inserted })
    }
}

public struct ValidationResult: Sendable {
    public var tree: OrgTree
    public var engine: AccessEngine
    public var diagnostics: [Diagnostic]
    /// Every assertion with its outcome (those that hold too).
    public var assertionOutcomes: AssertionOutcomes

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    /// How many errors were found, those a capped diagnostic stands for included.
    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? $1.count : 0) } }
}
