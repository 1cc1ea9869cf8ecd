/// Access paths as a graph (docs/graph.md): subjects, the org roles, teams and agencies
/// their chains pass through, and what they reach (a project role, an org permission, a
/// token scope). Each edge is one provenance step, labelled with its file:line. Pure data,
/// sorted, with node ids safe in DOT and Mermaid (`[A-Za-z0-9_]`); the renderers escape
/// the labels.
public struct AccessGraph: Sendable, Equatable {
    /// In a diff: a path of NEW (gained) or of OLD (lost).
    public enum Mark: String, Sendable, Hashable {
        case gained, lost
    }

    public enum NodeKind: String, Sendable, Hashable, CaseIterable, Comparable {
        case subject, group, orgRole = "org-role", team, agency, grant, note

        var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public struct Node: Sendable, Hashable {
        /// `[A-Za-z0-9_]`, starting with a letter; stable for the same thing.
        public var id: String
        public var kind: NodeKind
        /// The label, one entry a line; text from the tree, unescaped.
        public var lines: [String]
        public var mark: Mark?
    }

    public struct Edge: Sendable, Hashable, Comparable {
        public var from: String
        public var to: String
        /// The step's text (`includes support`); empty for an edge of the model itself.
        public var text: String
        public var location: SourceLocation?
        public var mark: Mark?

        /// The label, one entry a line: the step and its file:line.
        public var lines: [String] {
            [text].filter { !$0.isEmpty } + (location.map { [$0.fileAndLine] } ?? [])
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.from, lhs.to, lhs.text, lhs.location?.description ?? "", lhs.mark?.rawValue ?? "")
                < (rhs.from, rhs.to, rhs.text, rhs.location?.description ?? "", rhs.mark?.rawValue ?? "")
        }
    }

    /// Sorted by kind, then id.
    public var nodes: [Node]
    /// Sorted.
    public var edges: [Edge]

    public var isEmpty: Bool { nodes.isEmpty }
    /// The notes the graph carries (what was left out), in order.
    public var notes: [String] { nodes.filter { $0.kind == .note }.map { $0.lines.joined(separator: " ") } }

    /// A node id for a kind and a key: the key's letters and digits kept, every other
    /// byte written `_xx`, so different keys never share an id.
    public static func nodeID(_ kind: NodeKind, _ key: String) -> String {
        let prefix = switch kind {
        case .subject: "subj"
        case .group: "group"
        case .orgRole: "role"
        case .team: "team"
        case .agency: "agency"
        case .grant: "grant"
        case .note: "note"
        }
        var id = prefix + "_"
        for byte in key.utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) {
                id.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16)
                id += "_" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return id
    }
}

/// What a chain reaches.
public enum AccessGraphTarget: Sendable, Hashable {
    case projectRole(project: String, role: HeldRole)
    /// The same role on several projects by the same chains (an org role, the org default).
    case projects([String], role: HeldRole)
    case orgPermission(OrgPermission)
    /// A token's scope chains (`scopes: …` first): each reaches the scope it names.
    case scopes(project: String, environment: Environment?)
    /// The chain ends at the org role it names (an org role change).
    case orgRole
}

/// Builds an `AccessGraph` from provenance chains, reading each step as a hop: a team
/// membership and its `includes`, an org role, an agency's handshake, a token's owner.
public struct AccessGraphBuilder: Sendable {
    /// For the names in labels; nil leaves ids only.
    public let tree: OrgTree?
    var nodes: [String: AccessGraph.Node] = [:]
    var edges: Set<AccessGraph.Edge> = []

    public init(tree: OrgTree?) {
        self.tree = tree
    }

    public var nodeCount: Int { nodes.count }

    public var graph: AccessGraph {
        AccessGraph(nodes: nodes.values.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }, edges: edges.sorted())
    }

    /// Adds the path of each chain from `subject` to what it reaches.
    public mutating func add(_ subject: Subject, reaching target: AccessGraphTarget, chains: [Provenance], mark: AccessGraph.Mark? = nil) {
        let start = node(.subject, subject.description, lines: subjectLines(subject))
        for chain in chains {
            add(chain.steps, from: start, reaching: target, subject: subject, mark: mark)
        }
    }

    /// Adds a group of subjects that reach `target` by one chain (a default role).
    public mutating func addGroup(_ subjects: [Subject], reaching target: AccessGraphTarget, chain: Provenance, mark: AccessGraph.Mark? = nil) {
        guard !subjects.isEmpty else { return }
        let names = subjects.prefix(3).map(\.description).joined(separator: ", ") + (subjects.count > 3 ? ", …" : "")
        let count = DiffNumbers.grouped(subjects.count)
        let target = targetNode(target, step: nil, mark: mark)
        let group = node(.group, "\(target):\(chain.steps.map(\.description).joined(separator: "|"))",
                         lines: [subjects.count == 1 ? "1 person" : "\(count) people", names])
        for step in chain.steps { edge(group, target, step, mark) }
    }

    /// Adds the projects `subject` reaches by each one's own `access.default` only: one
    /// edge, whose places are the projects' files.
    public mutating func addOwnDefaults(_ subject: Subject, projects: [String], role: HeldRole) {
        let start = node(.subject, subject.description, lines: subjectLines(subject))
        let target = targetNode(.projects(projects, role: role), step: nil, mark: nil)
        edges.insert(AccessGraph.Edge(from: start, to: target, text: "access.default: \(role) (in each project's project.yaml)", location: nil, mark: nil))
    }

    /// Adds a note (what was left out) to the graph.
    public mutating func addNote(_ text: String) {
        _ = node(.note, "\(nodes.values.count { $0.kind == .note })", lines: [text])
    }

    // MARK: Steps as hops

    private mutating func add(_ steps: [ProvenanceStep], from start: String, reaching target: AccessGraphTarget,
                              subject: Subject, mark: AccessGraph.Mark?) {
        guard let first = steps.first else { return }
        let text = first.text
        if text.hasPrefix("scopes: "), case .token(let project, _) = subject {
            edge(start, targetNode(target, step: first, mark: mark), first, mark)
            let rest = Array(steps.dropFirst())
            if let owner = rest.first, owner.text.hasPrefix("owner: "), let person = Subject(String(owner.text.dropFirst(7))) {
                let ownerNode = node(.subject, person.description, lines: subjectLines(person))
                edge(start, ownerNode, owner, mark)
                let manage = node(.grant, "\(project):tokens.manage", lines: ["\(project): tokens.manage"])
                add(Array(rest.dropFirst()), from: ownerNode, to: manage, mark: mark)
            }
            return
        }
        if text.hasPrefix("permissions.") {
            let name = String(text.dropFirst("permissions.".count).prefix { $0 != ":" })
            let target: AccessGraphTarget = OrgPermission(rawValue: name).map { .orgPermission($0) } ?? target
            edge(start, targetNode(target, step: first, mark: mark), first, mark)
            return
        }
        let end = targetNode(target, step: first, mark: mark)
        add(steps, from: start, to: end, mark: mark)
    }

    /// The hops of a person's or agency person's chain from `start` to `end`.
    private mutating func add(_ steps: [ProvenanceStep], from start: String, to end: String, mark: AccessGraph.Mark?) {
        guard let first = steps.first else { return }
        if steps.count > 1, let last = steps.last,
           last.text.hasPrefix("handover.agents: ") || last.text.hasPrefix("facebookAnalytics.admins: ") {
            add(Array(steps.dropLast()), from: start, to: end, mark: mark)
            edge(end, listed(last, after: end), last, mark)
            return
        }
        if let role = Self.orgRole(first.text) {
            let roleNode = node(.orgRole, role.rawValue, lines: ["org \(role.rawValue)"])
            edge(start, roleNode, first, mark)
            if steps.count == 1 {
                if roleNode != end { edge(roleNode, end, nil, mark) }
            } else {
                for step in steps.dropFirst() { edge(roleNode, end, step, mark) }
            }
            return
        }
        if first.text.hasPrefix("agency "), first.text.hasSuffix(" is active") {
            let agency = String(first.text.dropFirst(7).dropLast(10))
            let agencyNode = node(.agency, agency, lines: ["agency \(agency)", "active: \(first.location.fileAndLine)"])
            for step in steps.dropFirst() {
                if step.text.hasPrefix("activations.") {
                    edge(start, agencyNode, step, mark)
                } else if step.text.hasPrefix("partners.\(agency).enabled") {
                    edge(agencyNode, end, step, mark)
                } else {
                    edge(start, end, step, mark)
                }
            }
            return
        }
        if let members = steps.firstIndex(where: { $0.text.hasPrefix("members ") }), members + 1 < steps.count,
           steps[members + 1].text.hasPrefix("access.teams.") {
            let granting = steps[members + 1]
            var teams = [String(granting.text.dropFirst("access.teams.".count).prefix { $0 != ":" })]
            for step in steps[..<members] where step.text.hasPrefix("includes ") {
                teams.append(String(step.text.dropFirst("includes ".count)))
            }
            let teamNodes = teams.map { node(.team, $0, lines: teamLines($0)) }
            edge(start, teamNodes.last!, steps[members], mark)
            for (i, step) in steps[..<members].enumerated() where i + 1 < teamNodes.count {
                edge(teamNodes[i + 1], teamNodes[i], step, mark)
            }
            edge(teamNodes[0], end, granting, mark)
            for step in steps[(members + 2)...] { edge(start, end, step, mark) }
            return
        }
        for step in steps { edge(start, end, step, mark) }
    }

    /// The node of a list permission (`handover.agents: kai`) held on top of the role `end`.
    private mutating func listed(_ step: ProvenanceStep, after end: String) -> String {
        let permission = step.text.hasPrefix("handover.") ? ProjectPermission.handover.rawValue : ProjectPermission.analyticsFacebook.rawValue
        let role = nodes[end]?.lines.first ?? end
        return node(.grant, "\(role)+\(permission)", lines: ["\(role) + \(permission)"])
    }

    private static func orgRole(_ text: String) -> OrgRole? {
        if text.hasPrefix("roles.owners: ") { return .owner }
        if text.hasPrefix("roles.admins: ") { return .admin }
        if text == "member of the organization" { return .member }
        return nil
    }

    // MARK: Nodes and edges

    private mutating func targetNode(_ target: AccessGraphTarget, step: ProvenanceStep?, mark: AccessGraph.Mark?) -> String {
        let id: String
        switch target {
        case .projectRole(let project, let role):
            id = node(.grant, "\(project):\(role)", lines: ["\(project): \(role)"])
        case .projects(let projects, let role):
            let names = projects.prefix(3).joined(separator: ", ") + (projects.count > 3 ? ", …" : "")
            id = node(.grant, "\(projects.count) projects:\(role):\(names)", lines: ["\(DiffNumbers.grouped(projects.count)) projects: \(role)", names])
        case .orgPermission(let permission):
            id = node(.grant, permission.rawValue, lines: ["org permission \(permission.rawValue)"])
        case .scopes(let project, let environment):
            let scope = step.flatMap { $0.text.hasPrefix("scopes: ") ? String($0.text.dropFirst(8)) : nil } ?? "scopes"
            id = node(.grant, "\(project):\(scope):\(environment?.rawValue ?? "")",
                      lines: ["\(project): \(scope)"] + (environment.map { ["in \($0.rawValue)"] } ?? []))
        case .orgRole:
            let role = step.flatMap { Self.orgRole($0.text) } ?? .member
            id = node(.orgRole, role.rawValue, lines: ["org \(role.rawValue)"])
        }
        if let mark, var target = nodes[id] {
            target.mark = target.mark == nil || target.mark == mark ? mark : nil
            nodes[id] = target
        }
        return id
    }

    private mutating func node(_ kind: AccessGraph.NodeKind, _ key: String, lines: [String]) -> String {
        let id = AccessGraph.nodeID(kind, key)
        if nodes[id] == nil { nodes[id] = AccessGraph.Node(id: id, kind: kind, lines: lines) }
        return id
    }

    private mutating func edge(_ from: String, _ to: String, _ step: ProvenanceStep?, _ mark: AccessGraph.Mark?) {
        edges.insert(AccessGraph.Edge(from: from, to: to, text: step?.text ?? "", location: step?.location, mark: mark))
    }

    private func subjectLines(_ subject: Subject) -> [String] {
        guard let person = tree?.person(subject) else { return [subject.description] }
        let name = [person.firstName?.value, person.lastName?.value].compactMap { $0 }.joined(separator: " ")
        return [subject.description] + (name.isEmpty ? [] : [name])
    }

    private func teamLines(_ team: String) -> [String] {
        ["team \(team)"] + (tree?.teams[team]?.name.map { [$0.value] } ?? [])
    }
}
