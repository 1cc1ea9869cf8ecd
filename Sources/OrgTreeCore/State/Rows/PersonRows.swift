/// The columns a person's file gives, the same for org people (`people`) and agency
/// people (`agency_people`): they follow the row's key columns.
public struct PersonProfile: Sendable, Hashable {
    public var firstName: String
    public var lastName: String
    public var email: String
    public var tfaMethod: String
    public var mobile: String
    public var facebookID: String
    public var slackID: String
    public var jobTitle: String

    static let columns = ["first_name", "last_name", "email", "tfa_method", "mobile", "facebook_id", "slack_id", "job_title"]

    func column(_ index: Int) -> String? {
        switch index {
        case 0: firstName
        case 1: lastName
        case 2: email
        case 3: tfaMethod
        case 4: mobile
        case 5: facebookID
        case 6: slackID
        case 7: jobTitle
        default: nil
        }
    }
}

extension PersonProfile {
    /// The profile's columns, from `first`: the row's own columns come before them.
    init(_ c: [String], from first: Int) {
        self.init(firstName: c[first], lastName: c[first + 1], email: c[first + 2], tfaMethod: c[first + 3],
                  mobile: c[first + 4], facebookID: c[first + 5], slackID: c[first + 6], jobTitle: c[first + 7])
    }
}

/// `people`: an org person (`people/ID.yaml`).
public struct PersonRow: Sendable, Hashable {
    public var id: String
    public var profile: PersonProfile
}

extension PersonRow: StoreRow {
    public static let table = StoreTable("people", ["id"] + PersonProfile.columns, key: 1)

    public var key: String { id }

    public func column(_ index: Int) -> String {
        if index == 0 { return id }
        guard let column = profile.column(index - 1) else { Self.noColumn(index) }
        return column
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(id: c[0], profile: PersonProfile(c, from: 1))
    }
}
