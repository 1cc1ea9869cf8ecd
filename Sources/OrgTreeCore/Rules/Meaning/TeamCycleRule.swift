/// Teams that include each other in a loop.
public struct TeamCycleRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .teamCycle,
        summary: "Teams include each other in a cycle (a includes b includes … a).",
        rationale: "Membership through a cycle has no meaning; the diagnostic points at the include that closes the loop and names the whole cycle.",
        triggering: [
            RuleExample(["teams/a.yaml": "name: A\nmembers: [ann]\nincludes: [b]\n",
                         "teams/b.yaml": "name: B\nmembers: [bob]\nincludes: [↓a]\n"]),
            RuleExample(["teams/solo.yaml": "name: Solo\nincludes: [↓solo]\n"]),
        ],
        nonTriggering: [
            RuleExample(["teams/a.yaml": "name: A\nmembers: [ann]\nincludes: [b]\n",
                         "teams/b.yaml": "name: B\nmembers: [bob]\n"]),
        ])

    /// Depth-first search in sorted order; each cycle is reported once, at the include
    /// that returns to a team already on the path.
    public func check(_ context: RuleContext) -> [Diagnostic] {
        let teams = context.tree.teams
        enum State { case onPath, done }
        var state: [String: State] = [:]
        var out: [Diagnostic] = []

        for start in context.tree.teamIDs where state[start] == nil {
            // Explicit stack of (team, next include index) so deep chains cannot overflow.
            var path: [String] = []
            var stack: [(team: String, next: Int)] = [(start, 0)]
            state[start] = .onPath
            path.append(start)
            while !stack.isEmpty {
                let (team, next) = stack[stack.count - 1]
                let includes = teams[team]?.includes ?? []
                guard next < includes.count else {
                    state[team] = .done
                    stack.removeLast()
                    path.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let included = includes[next]
                guard teams[included.value] != nil else { continue }
                switch state[included.value] {
                case .onPath?:
                    let loop = path[path.firstIndex(of: included.value)!...] + [included.value]
                    out.append(Diagnostic(.teamCycle, "teams include each other in a cycle: \(loop.joined(separator: " → "))", at: included.location))
                case .done?:
                    continue
                case nil:
                    state[included.value] = .onPath
                    path.append(included.value)
                    stack.append((included.value, 0))
                }
            }
        }
        return out
    }
}
