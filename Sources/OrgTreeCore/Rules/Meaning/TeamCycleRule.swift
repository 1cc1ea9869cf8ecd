/// Teams that include each other in a loop.
public struct TeamCycleRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .teamCycle,
        summary: "Teams include each other in a cycle (a includes b includes … a).",
        rationale: "Membership through a cycle has no meaning; the diagnostic points at the include that closes the loop and names the cycle (its first 10 teams and their number when it is longer). Each cycle is reported once, however many paths run through it; remove one of its includes.",
        triggering: [
            RuleExample(["teams/a.yaml": "name: A\nmembers: [ann]\nincludes: [b]\n",
                         "teams/b.yaml": "name: B\nmembers: [bob]\nincludes: [↓a]\n"]),
            RuleExample(["teams/solo.yaml": "name: Solo\nincludes: [↓solo]\n"]),
        ],
        nonTriggering: [
            RuleExample(["teams/a.yaml": "name: A\nmembers: [ann]\nincludes: [b]\n",
                         "teams/b.yaml": "name: B\nmembers: [bob]\n"]),
        ])

    /// At most this many teams of a cycle are named in its diagnostic.
    static let namedTeams = 10

    /// Depth-first search in sorted order, linear in teams and includes; each strongly
    /// connected group of teams is reported once, at the first include found that returns
    /// to a team already on the path.
    public func check(_ context: RuleContext) -> [Diagnostic] {
        let graph = context.engine.teamGraph
        var onPath = [Bool](repeating: false, count: graph.ids.count)
        var done = onPath
        var reported = Set<Int>()
        var out: [Diagnostic] = []

        for start in graph.ids.indices where !done[start] {
            // Explicit stack of (team, next include index) so deep chains cannot overflow.
            var path: [Int] = [start]
            var stack: [(team: Int, next: Int)] = [(start, 0)]
            onPath[start] = true
            while let (team, next) = stack.last {
                let edges = graph.edges[team]
                guard next < edges.count else {
                    onPath[team] = false
                    done[team] = true
                    stack.removeLast()
                    path.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let included = edges[next].team
                if onPath[included] {
                    guard reported.insert(graph.componentOf[included]).inserted else { continue }
                    let loop = Array(path[path.lastIndex(of: included)!...])
                    let location = graph.documents[team].includes[edges[next].include].location
                    out.append(Diagnostic(.teamCycle, "teams include each other in a cycle: \(Self.describe(loop.map { graph.ids[$0] }))", at: location))
                } else if !done[included] {
                    onPath[included] = true
                    path.append(included)
                    stack.append((included, 0))
                }
            }
        }
        return out
    }

    /// `a → b → a`; a long cycle names its first teams and how many there are.
    static func describe(_ loop: [String]) -> String {
        guard loop.count > namedTeams else { return (loop + [loop[0]]).joined(separator: " → ") }
        return (loop.prefix(namedTeams) + ["…", loop[0]]).joined(separator: " → ") + " (\(loop.count) teams)"
    }
}
