import Foundation
import OrgTreeCore
import Testing

@Suite("Documentation")
struct DocumentationTests {
    @Test func readmeListsEveryRule() throws {
        let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
        for rule in RuleName.allCases {
            #expect(readme.contains("| `\(rule.rawValue)` | \(rule.severity.rawValue) |"), "README lacks \(rule.rawValue)")
        }
    }
}
