import OrgTreeCore

/// The report's first page: the organization, its plan and usage, its owners and admins,
/// the validation result and every assertion's outcome.
public struct ReportOverview: Sendable {
    public struct Assertion: Sendable {
        public var claim: String
        public var location: SourceLocation
        /// `held`, `failed`, `invalid` or `not evaluated`.
        public var verdict: String
        public var holds: Bool
        /// Why it fails (the diagnostic's message), if it does.
        public var message: String?
    }

    public var organizationID: String?
    public var organizationName: String?
    public var planName: String?
    public var isEnterprise: Bool
    /// nil: no limit (an enterprise agreement that writes none).
    public var projectLimit: Int?
    public var projectsUsed: Int
    public var owners: [Located<String>]
    public var admins: [Located<String>]
    public var counts: TreeCounts
    /// Errors first, then warnings, each in file and line order.
    public var diagnostics: [Diagnostic]
    public var errorCount: Int
    public var warningCount: Int
    public var assertions: [Assertion]

    public var isValid: Bool { errorCount == 0 }

    init(_ checked: CheckedTree) {
        let org = checked.result.tree.organization
        organizationID = org?.id?.value
        organizationName = org?.name?.value
        planName = org?.plan?.name?.value
        isEnterprise = org?.plan?.isEnterprise ?? false
        projectLimit = org?.plan?.projectLimit
        projectsUsed = checked.result.tree.projects.count
        owners = org?.owners ?? []
        admins = org?.admins ?? []
        counts = checked.report.counts
        diagnostics = checked.report.diagnostics.sorted { ($0.severity, $0) < ($1.severity, $1) }
        errorCount = checked.report.errorCount
        warningCount = checked.report.warningCount
        assertions = checked.report.assertions.map { outcome in
            let verdict: String = switch outcome.verdict {
            case .held: "held"
            case .failed: "failed"
            case .invalid: "invalid"
            case .unresolved: "not evaluated"
            }
            var holds = false
            if case .held = outcome.verdict { holds = true }
            return Assertion(claim: outcome.claim, location: outcome.assertion.location, verdict: verdict, holds: holds,
                             message: outcome.diagnostic?.message)
        }
    }
}
