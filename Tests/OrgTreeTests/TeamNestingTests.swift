import Testing
@testable import OrgTreeCore

/// Membership through `includes` at any depth: a long chain, a long cycle, diamonds, each
/// with the one shortest chain a membership keeps and one `team-cycle` per cycle.
@Suite("Team nesting")
struct TeamNestingTests {
    static let project = "name: Shop\nenvironments: [production]\naccess:\n  default: none\n  teams:\n    t0: editor\n"

    /// t0 includes t1 includes … t(count-1), whose member is bob; closed into a cycle when asked.
    static func chain(_ count: Int, closed: Bool) -> [String: String] {
        var files = ["projects/shop/project.yaml": project]
        for i in 0..<count {
            let next = i + 1 < count ? "t\(i + 1)" : closed ? "t0" : nil
            files["teams/t\(i).yaml"] = "name: T\(i)\nmembers: [\(i == count - 1 ? "bob" : "")]\n" + (next.map { "includes: [\($0)]\n" } ?? "")
        }
        return files
    }

    /// A member or an include listed twice is reported at its second place and kept once,
    /// in the order first written; a list without repeats is kept as written.
    @Test func repeatedEntriesAreKeptOnceInTheirFirstOrder() {
        let result = validate(["teams/t0.yaml": "name: T0\nmembers: [cara, bob, cara, ann, bob]\nincludes: [t1, t2]\n",
                               "teams/t1.yaml": "name: T1\nmembers: [dev]\n", "teams/t2.yaml": "name: T2\nmembers: []\n"])
        #expect(result.tree.teams["t0"]?.members.map(\.value) == ["cara", "bob", "ann"])
        #expect(result.tree.teams["t0"]?.includes.map(\.value) == ["t1", "t2"])
        let repeats = result.diagnostics.filter { $0.rule == .duplicateKey && $0.location.file == "teams/t0.yaml" }
        #expect(repeats.map(\.location.column) == [22, 33], "\(repeats)")
    }

    @Test(.timeLimit(.minutes(1)))
    func chainOfTenThousandTeams() throws {
        let result = validate(Self.chain(10_000, closed: false))
        #expect(!result.diagnostics.contains { $0.rule == .teamCycle })
        let access = result.engine.projectAccess(of: .person("bob"), on: "shop")
        #expect(access.role == .editor)
        let chain = try #require(access.chains.first)
        #expect(access.chains.count == 1)
        #expect(chain.steps.count == 10_001)
        #expect(chain.steps[0].description == "teams/t0.yaml:3 includes t1")
        #expect(chain.steps[9_999].description == "teams/t9999.yaml:2 members bob")
    }

    @Test(.timeLimit(.minutes(1)))
    func cycleOfTenThousandTeams() throws {
        let result = validate(Self.chain(10_000, closed: true))
        let cycles = result.diagnostics.filter { $0.rule == .teamCycle }
        #expect(cycles.count == 1)
        let cycle = try #require(cycles.first)
        #expect(cycle.location.description == "teams/t9999.yaml:3:12")
        #expect(cycle.message == "teams include each other in a cycle: t0 → t1 → t2 → t3 → t4 → t5 → t6 → t7 → t8 → t9 → … → t0 (10000 teams)")
        // Every team of the cycle has bob, each by its shortest chain.
        #expect(result.engine.projectAccess(of: .person("bob"), on: "shop").chains.first?.steps.count == 10_001)
        let inMiddle = try #require(result.engine.membersOf["t5000"]?["bob"])
        #expect(inMiddle.map(\.steps.count) == [5_000])
        #expect(result.engine.membersOf["t9999"]?["bob"]?.first?.description == "teams/t9999.yaml:2 members bob")
    }

    @Test func diamondKeepsTheShortestThenEarliestChain() {
        let result = validate([
            "teams/a.yaml": "name: A\nincludes: [b, c]\n",
            "teams/b.yaml": "name: B\nincludes: [d]\n",
            "teams/c.yaml": "name: C\nincludes: [d]\n",
            "teams/d.yaml": "name: D\nmembers: [bob]\n",
            "teams/x.yaml": "name: X\nincludes: [b, d]\n",
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.engine.membersOf["a"]?["bob"]?.map(\.description)
                == ["teams/a.yaml:2 includes b → teams/b.yaml:2 includes d → teams/d.yaml:2 members bob"])
        #expect(result.engine.membersOf["x"]?["bob"]?.map(\.description)
                == ["teams/x.yaml:2 includes d → teams/d.yaml:2 members bob"])
    }

    @Test func insideACycleEachTeamHasItsShortestChain() {
        let result = validate([
            "teams/p.yaml": "name: P\nincludes: [q]\n",
            "teams/q.yaml": "name: Q\nincludes: [r, s]\n",
            "teams/r.yaml": "name: R\nmembers: [bob]\nincludes: [p]\n",
            "teams/s.yaml": "name: S\nincludes: [p]\nmembers: [ann]\n",
        ])
        let cycles = result.diagnostics.filter { $0.rule == .teamCycle }
        #expect(cycles.map(\.message) == ["teams include each other in a cycle: p → q → r → p"])
        #expect(cycles.map { $0.location.file } == ["teams/r.yaml"])
        let members = result.engine.membersOf["q"]
        #expect(members?["bob"]?.map(\.description) == ["teams/q.yaml:2 includes r → teams/r.yaml:2 members bob"])
        #expect(members?["ann"]?.map(\.description) == ["teams/q.yaml:2 includes s → teams/s.yaml:3 members ann"])
        #expect(result.engine.membersOf["s"]?["bob"]?.first?.steps.count == 4)
        #expect(result.engine.membersOf["p"].map { Set($0.keys) } == ["ann", "bob"])
    }
}
