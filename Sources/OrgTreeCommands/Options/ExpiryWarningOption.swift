import ArgumentParser
import OrgTreeCore

/// `--expiry-warning DAYS`: how many days ahead `token-expires-soon` warns, wherever a
/// tree is validated (validate, diff, plan, apply).
struct ExpiryWarningOption: ParsableArguments {
    @Option(help: ArgumentHelp("Warn of tokens that expire within this many days of --at (token-expires-soon; 0: never).",
                               valueName: "days"))
    var expiryWarning: Int = RuleContext.defaultExpiryWarningDays

    init() {}

    func validate() throws {
        if expiryWarning < 0 { throw ValidationError("--expiry-warning takes a number of days, 0 or more") }
    }

    /// The validator with this warning window.
    var validator: Validator { Validator(expiryWarningDays: expiryWarning) }
}
