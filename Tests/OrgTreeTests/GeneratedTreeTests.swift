import Testing
import OrgTreeCore

@Suite("Generated trees")
struct GeneratedTreeTests {
    static func files(people: Int, projects: Int, seed: UInt64) -> [(path: String, text: String)] {
        TreeGenerator(options: .init(people: people, projects: projects, seed: seed, today: "2026-11-23"))
            .files().map { ($0.path, $0.contents) }
    }

    @Test(arguments: [(3, 1), (50, 5), (2_000, 200)])
    func generatedTreesAreValid(size: (Int, Int)) {
        let result = Validator().validate(texts: Self.files(people: size.0, projects: size.1, seed: 7), at: Day("2026-11-23")!)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(10).map(\.description))")
        #expect(result.tree.people.count == size.0)
        #expect(result.tree.projects.count == size.1)
    }

    @Test func sameSeedSameBytesOtherSeedOtherTree() {
        let a = Self.files(people: 200, projects: 20, seed: 1)
        let b = Self.files(people: 200, projects: 20, seed: 1)
        let c = Self.files(people: 200, projects: 20, seed: 2)
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a.map(\.text) == b.map(\.text))
        #expect(a.map(\.text) != c.map(\.text))
    }
}
