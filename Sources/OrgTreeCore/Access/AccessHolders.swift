/// One answer of `who-can`.
public struct Holder: Sendable {
    public var subject: Subject
    public var project: String?
    public var role: String
    public var chain: Provenance
    public var templates: [String]?
    /// A token's environment, the only one where it holds its scopes (nil for people).
    public var environment: Environment?
}

extension AccessEngine {
    /// Every subject holding `capability` (on `project`, or every project), with its role
    /// and shortest chain, and for token scopes in which environment: `environment` keeps
    /// only the tokens bound to it (people's project access holds in every environment).
    ///
    /// Project permissions: a subject's chains are worked out only when its role (found
    /// without chains, `roleOnly(of:on:)`) gives the permission; most subjects of a large
    /// tree are passed over at the cost of a few look-ups.
    public func holders(of capability: Capability, on project: String?, in environment: Environment? = nil, at day: Day) -> [Holder] {
        var result: [Holder] = []
        switch capability {
        case .org(let permission):
            for id in tree.personIDs {
                let subject = Subject.person(id)
                guard let chains = orgPermissions(of: subject)[permission] else { continue }
                result.append(Holder(subject: subject, project: nil, role: orgRole(of: id)?.role.rawValue ?? "", chain: chains[0], templates: nil, environment: nil))
            }
        case .project(let permission):
            let subjects = tree.subjects.filter { if case .token = $0 { false } else { true } }
            for projectID in project.map({ [$0] }) ?? tree.projectIDs {
                for subject in subjects {
                    guard let held = roleOnly(of: subject, on: projectID), gives(permission, held, to: subject, on: projectID) else { continue }
                    let access = projectAccess(of: subject, on: projectID)
                    guard let role = access.role,
                          let grant = permissions(from: access, of: subject, on: projectID)[permission] else { continue }
                    result.append(Holder(subject: subject, project: projectID, role: role.rawValue, chain: grant.chains[0], templates: grant.templates, environment: nil))
                }
            }
        case .scope(let scope):
            for projectID in project.map({ [$0] }) ?? tree.tokens.keys.sorted() {
                for token in tree.tokens[projectID] ?? [] where environment == nil || token.environment?.value == environment {
                    let access = tokenAccess(token, at: day)
                    guard let chains = access.scopes[scope] else { continue }
                    result.append(Holder(subject: token.subject, project: projectID, role: "token", chain: chains[0], templates: nil,
                                         environment: token.environment?.value))
                }
            }
        }
        // Per project, people first, then tokens by environment (sandbox … production).
        func rank(_ h: Holder) -> Int { h.environment.map { Environment.allCases.firstIndex(of: $0)! + 1 } ?? 0 }
        return result.sorted { ($0.project ?? "", rank($0), $0.subject) < ($1.project ?? "", rank($1), $1.subject) }
    }
}
