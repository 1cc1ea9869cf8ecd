/// Risk and approvals of each change, under the seed rules:
/// - only an org owner may make someone an owner, touch billing (`billing.manage`), or
///   invite owners; admins may grant everything else at org level;
/// - the project owner sets roles on the project (org owners and admins own every project);
/// - an agency's own owner activates the agency's people on a project.
///
/// High risk: gaining org owner or admin, any change of `billing.manage`, gaining
/// `owners.invite`, any access gained by an agency person, a token gaining a write scope
/// (`content:write`, `events:write`), the creator (`createdBy`) no longer an owner, no
/// owner of OLD remaining an owner. Medium:
/// project ownership and the owner-only project permissions (`team.manage`,
/// `partners.enable`, `tokens.manage`), the org's `partners.manage`, plan and billing
/// settings, a person's login e-mail, an agency's status or owner, removing a project,
/// removing an assertion (an access test).
/// Low: everything else (read and edit access, losses).
enum DiffRiskRules {
    /// An entity's change: medium when it moves money or access without naming a
    /// subject (the plan, billing, a login e-mail, a project removed, an agency activated
    /// or handed to a new owner, an access test removed); low otherwise.
    static func entity(_ change: inout DiffChange, _ e: EntityChange) {
        var reasons: [String] = []
        switch (e.kind, e.action) {
        case (.organization, .modified) where e.field?.hasPrefix("plan.") == true:
            reasons = ["the plan changes (owner or billing.manage)"]
        case (.organization, .modified) where e.field?.hasPrefix("billing.") == true:
            reasons = ["billing changes (owner or billing.manage)"]
        case (.person, .modified) where e.field == "email", (.agencyPerson, .modified) where e.field == "email":
            reasons = ["the login e-mail changes: whoever holds the new address holds this person's access"]
        case (.project, .removed):
            reasons = ["the project goes away, with all access to it"]
        case (.agency, .modified) where e.field == "status" && e.to == PartnerStatus.active.rawValue:
            reasons = ["the agency's people get the access their projects give them"]
        case (.agency, .modified) where e.field == "owner":
            reasons = ["a new agency owner decides which of the agency's people are activated"]
        case (.assertion, .removed):
            reasons = ["an access test is removed"]
        default:
            break
        }
        change.risk = reasons.isEmpty ? .low : .medium
        change.riskReasons = reasons
    }

    /// `creatorGoes`: the subject is the organization's creator (`createdBy`); ownership may
    /// be handed over (docs/access-model.md §2), but never unnoticed.
    static func orgRole(_ change: inout DiffChange, from: OrgRole?, to: OrgRole?, gained: [OrgPermission], lost: [OrgPermission],
                        lastOwnerGoes: Bool, creatorGoes: Bool) {
        var reasons: [String] = []
        if to == .owner, from != .owner { reasons.append("becomes an org owner") }
        if to == .admin, from == nil || from == .member { reasons.append("becomes an org admin") }
        if from == .owner, to != .owner, creatorGoes { reasons.append("the creator is no longer an owner") }
        if from == .owner, to != .owner, lastOwnerGoes { reasons.append("no owner of OLD remains an owner") }
        if gained.contains(.billingManage) { reasons.append("gains billing.manage") }
        if lost.contains(.billingManage) { reasons.append("loses billing.manage") }
        if gained.contains(.ownersInvite) { reasons.append("gains owners.invite") }
        change.risk = reasons.isEmpty ? .low : .high
        change.riskReasons = reasons
        if to == .owner || from == .owner {
            change.approvers = [.orgOwner]
        } else if to == .admin || from == .admin {
            change.approvers = [.orgAdmin]
        } else if from == nil {
            change.approvers = [.orgPermission(.membersInvite)]
        } else {
            change.approvers = [.orgAdmin]
        }
    }

    static func orgPermission(_ change: inout DiffChange, _ permission: OrgPermission, gained: Bool) {
        switch permission {
        case .billingManage, .ownersInvite:
            change.risk = .high
            change.riskReasons = ["\(gained ? "gains" : "loses") \(permission.rawValue)"]
            change.approvers = [.orgOwner]
        case .partnersManage where gained:
            change.risk = .medium
            change.riskReasons = ["gains partners.manage"]
            change.approvers = [.orgAdmin]
        default:
            change.approvers = [.orgAdmin]
        }
    }

    static let ownerOnly: Set<ProjectPermission> = [.teamManage, .partnersEnable, .tokensManage]

    /// `orgRole`: the change comes from the subject becoming (or ceasing to be) an org
    /// owner or admin, so whoever may make that role change approves it.
    static func projectAccess(_ change: inout DiffChange, activationChanged: Bool, orgRole: OrgRole?) {
        guard case .projectAccess(let p) = change.detail else { return }
        let projects = p.projectIDs
        var reasons: [String] = []
        var risk = DiffRisk.low
        if case .agencyPerson(let agency, _)? = change.subject {
            if change.gainsSomething {
                risk = .high
                reasons.append("an agency person gains access")
            }
            change.approvers = (activationChanged ? [.agencyOwner(agency)] : []) + [.projectOwner(projects)]
        } else {
            if p.to?.role == .owner, p.from?.role != .owner {
                risk = .medium
                reasons.append(projects.count == 1 ? "gains ownership of the project" : "gains ownership of \(DiffNumbers.grouped(projects.count)) projects")
            }
            let manage = p.gained.filter(ownerOnly.contains)
            if !manage.isEmpty, p.from != nil {
                risk = .medium
                reasons.append("gains " + manage.map(\.rawValue).joined(separator: ", "))
            }
            switch orgRole {
            case .owner?: change.approvers = [.orgOwner]
            case .admin?: change.approvers = [.orgAdmin]
            default: change.approvers = [.projectOwner(projects)]
            }
        }
        change.risk = risk
        change.riskReasons = reasons
    }

    static func defaultRole(_ change: inout DiffChange) {
        guard case .defaultRole(let d) = change.detail else { return }
        if d.to == .owner {
            change.risk = .medium
            change.riskReasons = ["every member without access of their own becomes a project owner"]
        }
        change.approvers = d.fromOrgDefault ? [.orgAdmin] : [.projectOwner(d.projects.map(\.project))]
    }

    static let writeScopes: Set<TokenScope> = [.contentWrite, .eventsWrite]

    static func tokenScopes(_ change: inout DiffChange, project: String) {
        guard case .tokenScopes(let t) = change.detail else { return }
        let writes = t.gained.filter(writeScopes.contains)
        if !writes.isEmpty {
            change.risk = .high
            change.riskReasons = ["the token gains write scope " + writes.map(\.rawValue).joined(separator: ", ")
                                  + (t.environment.map { " in \($0.rawValue)" } ?? "")]
        } else if t.movedFrom != nil, t.environment == .production {
            change.risk = .medium
            change.riskReasons = ["the token moves into production"]
        }
        change.approvers = [.projectOwner([project])]
    }
}
