import Testing
@testable import OrgTreeCore
@testable import OrgTreeState

/// The actor rules of `ApplySafety` read the changed rows by field: who may change owners
/// and billing, and which project a member's change belongs to.
@Suite("Apply safety: the actor's changes")
struct ApplySafetyTests {
    static let organization = OrganizationRow(
        id: "acme", name: "Acme", createdBy: "ann", planName: "Team", planProjects: "10", planExtraProjects: "",
        agreement: "", paymentMethod: "invoice", invoiceEmail: "billing@acme.example", defaultProjectRole: "reader")

    /// The store as it is: kai owns the project `shop`.
    static let stored: StoredState = {
        var snapshot = StoreSnapshot()
        snapshot.organization = [organization]
        snapshot.projectPeople = [ProjectPersonRow(project: "shop", person: "kai", setting: "owner")]
        return StoredState(schemaVersion: 1, revision: 1, lastTreeDigest: nil, snapshot: snapshot, effectiveDigests: [:])
    }()

    static func violations(_ changes: [RowChange], role: String) -> [String] {
        let plan = StorePlan(baseRevision: 1, treeDigest: "", changes: changes, effective: [], removedSubjects: [])
        return ApplySafety.actorViolations(plan: plan, actor: "kai", role: role, stored: stored)
    }

    @Test("billing and owners are an owner's; the organization's name an admin's")
    func ownerOnly() {
        var renamed = Self.organization
        renamed.name = "Acme Inc."
        var billed = Self.organization
        billed.invoiceEmail = "accounts@acme.example"
        let rename = RowChange(.update, before: Self.organization, after: renamed)
        let billing = RowChange(.update, before: Self.organization, after: billed)
        let owner = RowChange(.insert, before: nil, after: OrgRoleRow(person: "emil", role: "owner"))
        let admin = RowChange(.insert, before: nil, after: OrgRoleRow(person: "emil", role: "admin"))
        let grant = RowChange(.insert, before: nil, after: OrgGrantRow(person: "emil", permission: OrgPermission.billingManage.rawValue))
        #expect(Self.violations([rename, admin], role: "admin").isEmpty)
        #expect(Self.violations([billing, owner, grant], role: "admin") == [
            "update organization acme: only an owner may change owners and billing",
            "insert org_roles emil: only an owner may change owners and billing",
            "insert org_grants emil/billing.manage: only an owner may change owners and billing",
        ])
        #expect(Self.violations([billing, owner, grant], role: "owner").isEmpty)
    }

    @Test("a member changes only the projects they own")
    func member() {
        let own = [
            RowChange(.insert, before: nil, after: ProjectPersonRow(project: "shop", person: "pia", setting: "editor")),
            RowChange(.update, before: ProjectRow(id: "shop", name: "Shop", defaultRole: "", handoverSlack: ""),
                      after: ProjectRow(id: "shop", name: "Shop", defaultRole: "reader", handoverSlack: "")),
            RowChange(.delete, before: TokenRow(project: "shop", id: "ci", environment: "production", owner: "kai",
                                                scopes: #"["content:read"]"#, expires: ""), after: nil),
            RowChange(.insert, before: nil, after: DefaultPermissionRow(project: "shop", permission: "content.read", role: "reader")),
        ]
        #expect(Self.violations(own, role: "member").isEmpty)
        let others = [
            RowChange(.insert, before: nil, after: ProjectPersonRow(project: "blog", person: "pia", setting: "editor")),
            RowChange(.insert, before: nil, after: ProjectRow(id: "shop", name: "Shop", defaultRole: "", handoverSlack: "")),
            RowChange(.insert, before: nil, after: TeamMemberRow(team: "backend", person: "kai")),
        ]
        #expect(Self.violations(others, role: "member") == [
            "insert project_people blog/pia: a member may change only projects they own",
            "insert projects shop: a member may change only projects they own",
            "insert team_members backend/kai: a member may change only projects they own",
        ])
    }
}
