/// `organization`: the organization's one row (`organization.yaml` without its lists).
/// Counts and enumerations are kept as the text the store holds.
public struct OrganizationRow: Sendable, Hashable {
    public var id: String
    public var name: String
    public var createdBy: String
    public var planName: String
    public var planProjects: String
    public var planExtraProjects: String
    public var agreement: String
    public var paymentMethod: String
    public var invoiceEmail: String
    public var defaultProjectRole: String
}

extension OrganizationRow: StoreRow {
    public static let table = StoreTable("organization", [
        "id", "name", "created_by", "plan_name", "plan_projects", "plan_extra_projects", "agreement", "payment_method",
        "invoice_email", "default_project_role",
    ], key: 1)

    public var key: String { id }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: id
        case 1: name
        case 2: createdBy
        case 3: planName
        case 4: planProjects
        case 5: planExtraProjects
        case 6: agreement
        case 7: paymentMethod
        case 8: invoiceEmail
        case 9: defaultProjectRole
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(id: c[0], name: c[1], createdBy: c[2], planName: c[3], planProjects: c[4], planExtraProjects: c[5],
                  agreement: c[6], paymentMethod: c[7], invoiceEmail: c[8], defaultProjectRole: c[9])
    }
}

/// `org_roles`: an org owner or admin (an owner listed among the admins too is an owner).
public struct OrgRoleRow: Sendable, Hashable {
    public var person: String
    /// `owner` or `admin`.
    public var role: String
}

extension OrgRoleRow: StoreRow {
    public static let table = StoreTable("org_roles", ["person", "role"], key: 1)

    public var key: String { person }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: person
        case 1: role
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(person: c[0], role: c[1])
    }
}

/// `org_grants`: an org permission given to one person (`permissions` in `organization.yaml`).
public struct OrgGrantRow: Sendable, Hashable {
    public var person: String
    public var permission: String
}

extension OrgGrantRow: StoreRow {
    public static let table = StoreTable("org_grants", ["person", "permission"], key: 2)

    public var key: Self { self }

    public func column(_ index: Int) -> String {
        switch index {
        case 0: person
        case 1: permission
        default: Self.noColumn(index)
        }
    }

    public init(columns c: [String]) throws {
        try Self.check(c)
        self.init(person: c[0], permission: c[1])
    }
}
