/// The name of every rule a diagnostic can carry (docs/access-model.md §7).
public enum RuleName: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    // Structure
    case yamlSyntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case unknownKey = "unknown-key"
    case wrongType = "wrong-type"
    case missingKey = "missing-key"
    case invalidValue = "invalid-value"
    case invalidID = "invalid-id"
    case unsafeYAML = "unsafe-yaml"
    case bidiControl = "bidi-control"
    // Meaning
    case unknownReference = "unknown-reference"
    case duplicateEmail = "duplicate-email"
    case lookalikeDomain = "lookalike-domain"
    case invalidEmail = "invalid-email"
    case invalidMobile = "invalid-mobile"
    case smsNeedsMobile = "sms-needs-mobile"
    case noOwner = "no-owner"
    case planExceeded = "plan-exceeded"
    case paymentMethodRequired = "payment-method-required"
    case teamCycle = "team-cycle"
    case partnerNotAllowed = "partner-not-allowed"
    case ownerExcluded = "owner-excluded"
    case redundantAccess = "redundant-access"
    case templateRoleNeedsTemplates = "template-role-needs-templates"
    case handoverNeedsSlackID = "handover-needs-slack-id"
    case facebookNeedsFacebookID = "facebook-needs-facebook-id"
    case tokenUnknownEnvironment = "token-unknown-environment"
    case tokenOwnerNotAllowed = "token-owner-not-allowed"
    case tokenExpired = "token-expired"
    case tokenExpiresSoon = "token-expires-soon"
    case secretInTree = "secret-in-tree"
    case conflictingAccess = "conflicting-access"
    case partnerHandshakeIncomplete = "partner-handshake-incomplete"
    case assertionFailed = "assertion-failed"

    public var severity: Severity {
        switch self {
        case .redundantAccess, .tokenExpired, .tokenExpiresSoon, .partnerHandshakeIncomplete, .bidiControl, .lookalikeDomain: return .warning
        default: return .error
        }
    }

    public static func < (lhs: RuleName, rhs: RuleName) -> Bool { lhs.rawValue < rhs.rawValue }
}
