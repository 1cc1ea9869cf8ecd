/// Every rule orgtree knows, in the order of docs/access-model.md §7.
public enum RuleRegistry {
    /// Rules applied while reading files; they carry their description and examples.
    public static let structuralRules: [any Rule.Type] = [
        YAMLSyntaxRule.self, DuplicateKeyRule.self, UnknownKeyRule.self, WrongTypeRule.self,
        MissingKeyRule.self, InvalidValueRule.self, InvalidIDRule.self, UnsafeYAMLRule.self,
        SecretInTreeRule.self, BidiControlRule.self,
    ]

    /// Rules that check the assembled tree.
    public static let treeRules: [any TreeRule.Type] = [
        UnknownReferenceRule.self, DuplicateEmailRule.self, LookalikeDomainRule.self, InvalidEmailRule.self, InvalidMobileRule.self,
        SMSNeedsMobileRule.self, NoOwnerRule.self, PlanExceededRule.self,
        PaymentMethodRequiredRule.self, TeamCycleRule.self, PartnerNotAllowedRule.self, OwnerExcludedRule.self,
        RedundantAccessRule.self,
        TemplateRoleNeedsTemplatesRule.self, HandoverNeedsSlackIDRule.self, FacebookNeedsFacebookIDRule.self,
        TokenUnknownEnvironmentRule.self, TokenOwnerNotAllowedRule.self, TokenExpiredRule.self, TokenExpiresSoonRule.self,
        ConflictingAccessRule.self, PartnerHandshakeIncompleteRule.self, AssertionFailedRule.self,
    ]

    public static var all: [any Rule.Type] { structuralRules + treeRules.map { $0 as any Rule.Type } }

    public static var descriptions: [RuleDescription] {
        all.map { $0.description }.sorted { $0.name.rawValue < $1.name.rawValue }
    }

    public static func description(of name: RuleName) -> RuleDescription? {
        all.first { $0.description.name == name }?.description
    }
}
