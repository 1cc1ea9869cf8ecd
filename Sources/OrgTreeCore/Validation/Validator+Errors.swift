extension Validator {
    /// Only the rules that report errors: enough to tell whether a tree stands, and how
    /// many errors it has, for the questions about access (`explain`, `effective`,
    /// `who-can`, `graph`), where warnings never stop or change an answer. A rule's
    /// diagnostics carry its own name, whose severity is fixed (`RuleName.severity`), and
    /// `Validator.ordered` counts and caps each rule apart: the errors found are those of
    /// a whole validation, one for one.
    public static func errorRulesOnly(expiryWarningDays: Int = RuleContext.defaultExpiryWarningDays) -> Validator {
        Validator(rules: RuleRegistry.treeRules.filter { $0.description.severity == .error }.map { $0.init() },
                  expiryWarningDays: expiryWarningDays)
    }
}
