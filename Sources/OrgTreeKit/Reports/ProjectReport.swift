import OrgTreeCore

/// One project's page: who holds which role and why, who is named there without access
/// and why not, the state of each agency's handshake, and the project's tokens.
public struct ProjectReport: Sendable {
    public struct Holder: Sendable {
        public var subject: Subject
        public var role: EffectiveRole
        public var templates: [String]
        public var chains: [Provenance]
        public var permissions: [ProjectPermission]
        /// The permissions a list gives (handover, analytics.facebook) with their chains.
        public var listGrants: [(permission: ProjectPermission, chains: [Provenance])]
    }

    /// The org members who hold the default role for want of anything else.
    public struct ByDefault: Sendable {
        public var role: EffectiveRole
        public var step: ProvenanceStep
        public var count: Int
        /// Listed when few.
        public var members: [String]?
    }

    public var id: String
    public var name: String?
    public var file: String
    public var environments: [Environment]
    public var defaultSetting: RoleSetting
    public var defaultStep: ProvenanceStep
    /// Org owners and admins, owners of every project, with the line that makes each one.
    public var orgOwners: [(person: String, role: OrgRole, location: SourceLocation)]
    /// The subjects the project's access names (entries, teams, lists, partner grants)
    /// who hold a role: owners first, then by role, then subject.
    public var holders: [Holder]
    public var byDefault: ByDefault?
    public var denied: [(subject: Subject, reasons: [Reason])]
    public var agencies: [AgencyHandshake]
    public var tokens: [(id: String, subject: Subject, document: TokenDocument, grant: TokenGrant)]
}

extension AccessReport {
    /// The page of `project` (one of `projectIDs`).
    public func projectReport(_ id: String) -> ProjectReport {
        let project = tree.projects[id]!
        let (setting, step) = engine.defaultSetting(on: id)
        var report = ProjectReport(id: id, name: project.name?.value, file: project.file,
                                   environments: project.environments.map(\.value), defaultSetting: setting, defaultStep: step,
                                   orgOwners: [], holders: [], denied: [], agencies: AgencyHandshake.all(on: project, in: engine), tokens: [])
        let named = self.named[id] ?? []
        for person in privileged {
            if let (role, chain) = engine.orgRole(of: person) { report.orgOwners.append((person, role, chain.steps[0].location)) }
        }
        for subject in named where subject.tokenProject == nil {
            let access = engine.projectAccess(of: subject, on: id)
            guard let role = access.role else {
                report.denied.append((subject, access.reasons))
                continue
            }
            let permissions = engine.permissions(from: access, of: subject, on: id)
            let listGrants = permissions.keys.sorted().compactMap { permission -> (ProjectPermission, [Provenance])? in
                let chains = permissions[permission]!.chains.filter { !access.chains.contains($0) }
                return chains.isEmpty ? nil : (permission, chains)
            }
            report.holders.append(ProjectReport.Holder(subject: subject, role: role, templates: access.templates, chains: access.chains,
                                                       permissions: permissions.keys.sorted(), listGrants: listGrants))
        }
        report.holders.sort { ($1.role, $0.subject) < ($0.role, $1.subject) }
        if let role = setting.role {
            let namedMembers = Set(named.compactMap { subject -> String? in
                if case .person(let p) = subject, engine.orgRoleOnly(of: p) == .member { return p }
                return nil
            })
            let count = members.count - namedMembers.count
            let listed = count <= limits.listed ? members.filter { !namedMembers.contains($0) } : nil
            if count > 0 { report.byDefault = .init(role: EffectiveRole(role), step: step, count: count, members: listed) }
        }
        for token in tree.tokens[id] ?? [] {
            guard let grant = matrix.access(of: token.subject, at: day).token else { continue }
            report.tokens.append((token.id.value, token.subject, token, grant))
        }
        report.tokens.sort { $0.id < $1.id }
        return report
    }
}
