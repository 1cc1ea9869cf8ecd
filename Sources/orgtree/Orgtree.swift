import ArgumentParser
import Foundation
import OrgTreeKit

/// `orgtree`: access configuration as code.
struct Orgtree: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgtree",
        abstract: "Validate, explain and apply an organization's access configuration kept as YAML in Git.",
        discussion: """
            A tree folder holds organization.yaml, people/, teams/, projects/, partners/ and
            assertions/ (see README.md). Exit codes: 0 success, 1 findings (errors, changes, a
            refused apply), 2 usage or I/O trouble.
            """,
        version: OrgTreeVersion.current,
        subcommands: [Validate.self, Effective.self, Explain.self, WhoCan.self, Diff.self, Plan.self, Apply.self, Drift.self, Import.self, Unlock.self, Audit.self, Rules.self, Generate.self]
    )
}

/// Runs the command line and maps every outcome onto orgtree's exit codes: usage errors
/// are 2 (argument-parser's own default would be 64).
@main
enum Main {
    static func main() {
        do {
            var command = try Orgtree.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("orgtree: error: \(failure.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = Orgtree.exitCode(for: error)
            let message = Orgtree.fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message.isEmpty ? "orgtree: error" : message).utf8 + [0x0A]))
            Foundation.exit(2)
        }
    }
}

/// Trouble that is not a finding: a missing folder, an unreadable file, a bad date (exit 2).
struct CommandFailure: Error {
    var message: String
}
