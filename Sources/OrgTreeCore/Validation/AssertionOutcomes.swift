/// What one assertion of `assertions/` comes to on a day.
public struct AssertionOutcome: Sendable {
    public enum Verdict: Sendable {
        /// The assertion holds.
        case held
        /// It does not hold: the `assertion-failed` diagnostic, whose message explains why.
        case failed(Diagnostic)
        /// The question makes no sense (an org permission on a project or in an
        /// environment): the `invalid-value` diagnostic.
        case invalid(Diagnostic)
        /// It names a subject, project or environment the tree does not have; not
        /// evaluated (`unknown-reference` reports the name).
        case unresolved
    }

    public var assertion: Assertion
    public var verdict: Verdict

    /// What the assertion claims: `kai can content.write on helpdesk`, `token:shop/ci-deploy
    /// cannot content:write in staging`.
    public var claim: String {
        let on = (assertion.project.map { " on \($0.value)" } ?? "") + (assertion.environment.map { " in \($0.value.rawValue)" } ?? "")
        return "\(assertion.subject.value) \(assertion.expectation.rawValue) \(assertion.capability.value)\(on)"
    }

    /// The diagnostic `validate` reports for it, if any.
    public var diagnostic: Diagnostic? {
        switch verdict {
        case .failed(let d), .invalid(let d): d
        case .held, .unresolved: nil
        }
    }
}

/// Every assertion of a tree with its outcome, in the tree's order (file, then line),
/// computed once per validation: the `assertion-failed` rule reports the diagnostics,
/// `validate --format junit` lists every assertion, those that hold too.
public struct AssertionOutcomes: Sendable {
    public var all: [AssertionOutcome]

    public init(_ all: [AssertionOutcome]) {
        self.all = all
    }

    /// Evaluates every assertion of the tree (on all cores) with the access engine.
    public init(tree: OrgTree, engine: AccessEngine, day: Day) {
        all = ConcurrentMap.map(tree.assertions) { Self.outcome(of: $0, tree: tree, engine: engine, day: day) }
    }

    /// The diagnostics of the assertions that fail or make no sense.
    public var diagnostics: [Diagnostic] { all.compactMap(\.diagnostic) }

    static func outcome(of assertion: Assertion, tree: OrgTree, engine: AccessEngine, day: Day) -> AssertionOutcome {
        func outcome(_ verdict: AssertionOutcome.Verdict) -> AssertionOutcome { AssertionOutcome(assertion: assertion, verdict: verdict) }
        let subject = assertion.subject.value
        let exists: Bool = switch subject {
        case .token(let project, let token): tree.token(project: project, id: token) != nil
        default: tree.person(subject) != nil
        }
        guard exists, assertion.project.map({ tree.projects[$0.value] != nil }) ?? true,
              assertion.environment.map({ AccessEngine.missingEnvironment($0.value, on: assertion.project?.value ?? subject.tokenProject, in: tree) == nil }) ?? true else {
            return outcome(.unresolved)
        }
        let evaluation = engine.evaluate(subject, assertion.capability.value, on: assertion.project?.value,
                                         in: assertion.environment?.value, at: day)
        if let problem = evaluation.problem {
            let orgInEnvironment = if case .org = assertion.capability.value { assertion.environment != nil } else { false }
            return outcome(.invalid(Diagnostic(.invalidValue, problem, at: orgInEnvironment ? assertion.environment!.location : assertion.capability.location)))
        }
        let expected = assertion.expectation == .can
        guard evaluation.granted != expected else { return outcome(.held) }
        let claim = outcome(.held).claim
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
        return outcome(.failed(Diagnostic(.assertionFailed, message, at: assertion.location, notes: Array(notes.dropFirst()))))
    }
}
