/// The closed sets of values that fields take (docs/tree-format.md).
public enum Environment: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case sandbox, development, staging, production

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum TFAMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case sms, app
}

public enum PaymentMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case card, invoice, sepa
}

public enum Agreement: String, Sendable, Hashable, CaseIterable, Codable {
    case standard, enterprise
}

public enum PartnerStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case active, pending, ended
}
