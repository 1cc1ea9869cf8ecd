/// The `includes` graph of the teams and the members each team has through it, computed
/// in time linear in teams + includes + memberships: strongly connected components
/// (iterative Tarjan), then one pass over them, sinks first. Each team keeps, for each
/// member, one route: the first step of the shortest chain that makes the person a
/// member (the earliest line among equally short ones); the chain is rebuilt from the
/// routes when asked for.
public struct TeamGraph: Sendable {
    /// Team ids, sorted; a team is its index here.
    let ids: [String]
    let index: [String: Int]
    let documents: [TeamDocument]
    /// For each team, its includes of known teams: (position in `includes`, team).
    let edges: [[(include: Int, team: Int)]]
    /// Strongly connected components, each sinks-first after every component it includes.
    let components: [[Int]]
    let componentOf: [Int]

    init(_ teams: [String: TeamDocument]) {
        ids = teams.keys.sorted()
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        self.index = index
        documents = ids.map { teams[$0]! }
        edges = documents.map { team in
            team.includes.enumerated().compactMap { position, included in index[included.value].map { (include: position, team: $0) } }
        }
        (components, componentOf) = Self.stronglyConnected(edges)
    }

    /// Tarjan's algorithm with an explicit stack, so nesting 10,000 deep cannot overflow.
    private static func stronglyConnected(_ edges: [[(include: Int, team: Int)]]) -> ([[Int]], [Int]) {
        let count = edges.count
        var order = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var componentOf = [Int](repeating: -1, count: count)
        var components: [[Int]] = []
        var stack: [Int] = []
        var next = 0
        for root in 0..<count where order[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let target = edges[node][edge].team
                    if order[target] < 0 {
                        order[target] = next; low[target] = next; next += 1
                        stack.append(target); onStack[target] = true
                        work.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], order[target])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { low[parent] = min(low[parent], low[node]) }
                guard low[node] == order[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    componentOf[member] = components.count
                    component.append(member)
                    if member == node { break }
                }
                components.append(component.sorted())
            }
        }
        return (components, componentOf)
    }

    /// Whether a component is a cycle: more than one team, or one that includes itself.
    func isCycle(_ component: [Int]) -> Bool {
        component.count > 1 || edges[component[0]].contains { $0.team == component[0] }
    }
}

/// How a team reaches one member: the length of the shortest chain and its first step,
/// the team's own `members` entry (`member`) or one of its includes (`include`).
/// Eight bytes: a team of 100,000 members keeps one per member.
public struct MemberRoute: Sendable {
    private let storedLength: UInt32
    /// ≥ 0: the position of the `members` entry; < 0: include `-1 - step`.
    private let step: Int32

    init(length: Int, member: Int) {
        storedLength = UInt32(clamping: length)
        step = Int32(clamping: member)
    }

    init(length: Int, include: Int) {
        storedLength = UInt32(clamping: length)
        step = -1 - Int32(clamping: include)
    }

    var length: Int { Int(storedLength) }
    var member: Int? { step >= 0 ? Int(step) : nil }
    var include: Int? { step < 0 ? Int(-1 - step) : nil }
}

/// The members of one team through nested includes, each with the chain that makes them one.
public struct TeamMembers: Sendable {
    let team: Int
    let graph: TeamGraph
    /// Every team's routes, shared by all teams' `TeamMembers`.
    let routes: [[String: MemberRoute]]

    public var keys: Dictionary<String, MemberRoute>.Keys { routes[team].keys }

    public func contains(_ person: String) -> Bool { routes[team][person] != nil }

    /// The shortest chain (earliest lines first among equally short ones) that makes the
    /// person a member, or nil when they are not one.
    public subscript(person: String) -> [Provenance]? {
        guard var route = routes[team][person] else { return nil }
        var team = graph.documents[self.team]
        var teamIndex = self.team
        var steps: [ProvenanceStep] = []
        steps.reserveCapacity(route.length)
        while let include = route.include {
            let included = team.includes[include]
            steps.append(ProvenanceStep("includes \(included.value)", at: included.location))
            teamIndex = graph.index[included.value]!
            team = graph.documents[teamIndex]
            route = routes[teamIndex][person]!
        }
        let member = team.members[route.member!]
        steps.append(ProvenanceStep("members \(member.value)", at: member.location))
        return [Provenance(steps)]
    }
}

/// Every team's members through includes.
enum TeamMembership {
    /// Team id → its members, for every team.
    static func members(_ graph: TeamGraph, routes: [[String: MemberRoute]]) -> [String: TeamMembers] {
        var result: [String: TeamMembers] = [:]
        result.reserveCapacity(graph.ids.count)
        for (team, id) in graph.ids.enumerated() { result[id] = TeamMembers(team: team, graph: graph, routes: routes) }
        return result
    }

    /// Routes of every team, indexed as `graph.ids`.
    static func compute(_ graph: TeamGraph) -> [[String: MemberRoute]] {
        var routes = [[String: MemberRoute]](repeating: [:], count: graph.ids.count)
        for component in graph.components {
            // Routes through the team's own members and includes that leave the component.
            for team in component {
                var own: [String: MemberRoute] = [:]
                let document = graph.documents[team]
                for (position, member) in document.members.enumerated() {
                    offer(MemberRoute(length: 1, member: position), for: member.value, in: &own, document)
                }
                for (include, target) in graph.edges[team] where graph.componentOf[target] != graph.componentOf[team] {
                    for (person, route) in routes[target] {
                        offer(MemberRoute(length: route.length + 1, include: include), for: person, in: &own, document)
                    }
                }
                routes[team] = own
            }
            if component.count > 1 { within(component, graph, &routes) }
        }
        return routes
    }

    /// Keeps the shorter route, or the one whose first step comes first in the file.
    static func offer(_ route: MemberRoute, for person: String, in routes: inout [String: MemberRoute], _ team: TeamDocument) {
        guard let current = routes[person] else { routes[person] = route; return }
        if route.length != current.length {
            if route.length < current.length { routes[person] = route }
            return
        }
        if firstStep(route, team) < firstStep(current, team) { routes[person] = route }
    }

    static func firstStep(_ route: MemberRoute, _ team: TeamDocument) -> ProvenanceStep {
        if let include = route.include {
            return ProvenanceStep("includes \(team.includes[include].value)", at: team.includes[include].location)
        }
        let member = team.members[route.member!]
        return ProvenanceStep("members \(member.value)", at: member.location)
    }

    /// Inside a cycle every team has every member any of them reaches; for each person,
    /// a breadth-first search backwards from the teams that reach them directly gives
    /// each team its shortest route.
    private static func within(_ component: [Int], _ graph: TeamGraph, _ routes: inout [[String: MemberRoute]]) {
        var local: [Int: Int] = [:]
        for (i, team) in component.enumerated() { local[team] = i }
        // Includes inside the component, backwards: included → (including, include position).
        var inward = [[(from: Int, include: Int)]](repeating: [], count: component.count)
        for (i, team) in component.enumerated() {
            for (include, target) in graph.edges[team] {
                if let j = local[target], j != i { inward[j].append((i, include)) }
            }
        }
        var people = Set<String>()
        for team in component { people.formUnion(routes[team].keys) }
        var length = [Int](repeating: 0, count: component.count)
        for person in people.sorted() {
            // Seeds: the routes each team has without the component, shortest first.
            let seeds = component.indices.compactMap { i in routes[component[i]][person].map { (i, $0.length) } }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            for i in length.indices { length[i] = Int.max }
            for (i, l) in seeds { length[i] = l }
            var queue: [(Int, Int)] = []
            var head = 0, seed = 0
            while head < queue.count || seed < seeds.count {
                let (i, l): (Int, Int)
                if seed < seeds.count && (head == queue.count || seeds[seed].1 <= queue[head].1) {
                    (i, l) = seeds[seed]; seed += 1
                } else {
                    (i, l) = queue[head]; head += 1
                }
                guard l == length[i] else { continue }
                for (from, _) in inward[i] where l + 1 < length[from] {
                    length[from] = l + 1
                    queue.append((from, l + 1))
                }
            }
            for (j, froms) in inward.enumerated() {
                for (from, include) in froms where length[from] == length[j] + 1 {
                    offer(MemberRoute(length: length[j] + 1, include: include), for: person,
                          in: &routes[component[from]], graph.documents[component[from]])
                }
            }
        }
    }
}
