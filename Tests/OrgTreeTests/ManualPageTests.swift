import Crypto
import Foundation
import OrgTreeCommands
import Testing

/// docs/orgtree.1 is generate-manual's page of the commands as they are: it records the
/// SHA-256 of the help it was made from, which must be the help of today's commands.
@Suite("Manual page")
struct ManualPageTests {
    @Test func manualPageIsCurrent() throws {
        let page = try String(contentsOfFile: Repo.path("docs/orgtree.1"), encoding: .utf8)
        let help = orgtreeInProcess(["--experimental-dump-help"])
        #expect(help.status == 0)
        let digest = SHA256.hash(data: Data(help.stdout.utf8)).map { String(format: "%02x", $0) }.joined()
        let recorded = page.split(separator: "\n").first { $0.hasPrefix(".\\\" help-sha256: ") }
        #expect(recorded == ".\\\" help-sha256: \(digest) (scripts/manual.sh)",
                "docs/orgtree.1 was made from other help than the commands have now: run scripts/manual.sh")
        for command in Orgtree.configuration.subcommands.map({ $0._commandName }) {
            #expect(page.contains(command), "docs/orgtree.1 lacks \(command)")
        }
    }
}
