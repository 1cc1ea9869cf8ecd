import Testing
import OrgTreeCore

/// Every rule's examples are its tests: a triggering example yields exactly the marked
/// diagnostics of that rule (rule, file, line and column); a non-triggering one yields
/// no diagnostic at all.
@Suite("Rule examples")
struct RuleExampleTests {
    static let day = Day("2026-06-01")!

    static let rules: [RuleDescription] = RuleRegistry.descriptions

    @Test("every rule of docs/access-model.md §7 has a rule type with examples")
    func everyRuleIsDescribed() {
        let described = Set(Self.rules.map(\.name))
        #expect(described == Set(RuleName.allCases))
        for rule in Self.rules {
            #expect(!rule.triggering.isEmpty, "\(rule.name.rawValue) has no triggering example")
            #expect(!rule.nonTriggering.isEmpty, "\(rule.name.rawValue) has no non-triggering example")
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty)
        }
    }

    @Test("the base tree of the examples is valid")
    func baseTreeIsClean() {
        let result = Validator().validate(texts: RuleExample([:]).tree, at: Self.day)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("triggering examples give exactly the marked diagnostics", arguments: rules)
    func triggering(_ rule: RuleDescription) {
        for (index, example) in rule.triggering.enumerated() {
            let result = Validator().validate(texts: example.tree, at: Self.day)
            let found = result.diagnostics.filter { $0.rule == rule.name }
            let expected = example.markedLocations
            #expect(!expected.isEmpty, "example \(index) of \(rule.name.rawValue) has no ↓ marker")
            #expect(found.map(\.location) == expected,
                    "example \(index) of \(rule.name.rawValue):\n\(result.diagnostics.map(\.description).joined(separator: "\n"))")
            for diagnostic in found {
                #expect(diagnostic.severity == rule.severity)
            }
        }
    }

    @Test("non-triggering examples are clean", arguments: rules)
    func nonTriggering(_ rule: RuleDescription) {
        for (index, example) in rule.nonTriggering.enumerated() {
            let result = Validator().validate(texts: example.tree, at: Self.day)
            #expect(result.diagnostics.isEmpty,
                    "example \(index) of \(rule.name.rawValue):\n\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        }
    }
}

extension RuleDescription: CustomTestStringConvertible {
    public var testDescription: String { name.rawValue }
}
