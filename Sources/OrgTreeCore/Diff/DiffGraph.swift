/// The access paths of a diff's high-risk changes as one graph: NEW's chains of what is
/// gained, OLD's of what is lost, each marked. Bounded by a number of nodes: a change (or
/// one project of it) that would pass the bound is left out, and counted.
public struct DiffGraph: Sendable {
    /// The pull-request comment's graph stops before this many nodes.
    public static let maxNodes = 40

    public var graph: AccessGraph
    /// High-risk changes (a change on several projects counts once a project) drawn, and in all.
    public var drawn: Int
    public var total: Int

    public var isCut: Bool { drawn < total }

    public init(_ changes: [DiffChange], maxNodes: Int = maxNodes) {
        var builder = AccessGraphBuilder(tree: nil)
        var units: [(inout AccessGraphBuilder) -> Void] = []
        for change in changes where change.risk == .high {
            units += Self.paths(of: change)
        }
        var drawn = 0
        for unit in units {
            var next = builder
            unit(&next)
            if next.nodeCount > maxNodes { break }
            builder = next
            drawn += 1
        }
        graph = builder.graph
        self.drawn = drawn
        total = units.count
    }

    /// One closure per drawn piece of a change: the change itself, or each of its projects.
    private static func paths(of change: DiffChange) -> [(inout AccessGraphBuilder) -> Void] {
        switch change.detail {
        case .entity:
            return []
        case .defaultRole(let d):
            return d.projects.map { p in { builder in
                if let to = d.to, let chain = p.via.first {
                    builder.addGroup(d.subjects, reaching: .projectRole(project: p.project, role: HeldRole(role: to)), chain: chain, mark: .gained)
                }
                if let from = d.from, let chain = p.wasVia.first {
                    builder.addGroup(d.subjects, reaching: .projectRole(project: p.project, role: HeldRole(role: from)), chain: chain, mark: .lost)
                }
            } }
        case .projectAccess(let access):
            guard let subject = change.subject else { return [] }
            return access.projects.map { p in { builder in
                if let to = access.to { builder.add(subject, reaching: .projectRole(project: p.project, role: to), chains: p.via, mark: .gained) }
                if let from = access.from { builder.add(subject, reaching: .projectRole(project: p.project, role: from), chains: p.wasVia, mark: .lost) }
            } }
        case .orgRole, .orgPermission, .tokenScopes:
            guard let subject = change.subject else { return [] }
            let (gained, lost): (AccessGraphTarget, AccessGraphTarget) = switch change.detail {
            case .orgPermission(let permission, _): (.orgPermission(permission), .orgPermission(permission))
            case .tokenScopes(let t):
                (.scopes(project: subject.tokenProject ?? "", environment: t.environment),
                 .scopes(project: subject.tokenProject ?? "", environment: t.movedFrom ?? t.environment))
            default: (.orgRole, .orgRole)
            }
            return [{ builder in
                builder.add(subject, reaching: gained, chains: change.via, mark: .gained)
                builder.add(subject, reaching: lost, chains: change.wasVia, mark: .lost)
            }]
        }
    }
}
