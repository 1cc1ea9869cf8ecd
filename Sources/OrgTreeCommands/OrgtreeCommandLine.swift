import Foundation
import ArgumentParser
import OrgTreeCore

/// Runs one orgtree command line and maps every outcome onto orgtree's exit codes: 0
/// success, 1 findings, 2 usage or I/O trouble (argument-parser's own default for usage
/// errors would be 64).
public enum OrgtreeCommandLine {
    /// `arguments` without the program's name.
    /// Output that cannot be written is exit 2 with one line on standard error, but for
    /// a reader that went away (`| head`), which ends the command quietly.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        let status = runCommand(arguments, console: console)
        console.flush()
        guard let failure = console.outputFailure() else { return status }
        if failure == EPIPE { return status }
        console.error("orgtree: error: cannot write output: \(String(cString: strerror(failure)))\n")
        return 2
    }

    private static func runCommand(_ arguments: [String], console: Console) -> Int32 {
        if let unknown = unknownCommand(arguments) {
            console.error("orgtree: error: \(unknown)\n")
            return 2
        }
        do {
            var command = try Orgtree.parseAsRoot(arguments)
            if let command = command as? any ConsoleCommand {
                try command.runColored(console)
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let trouble as any CommandTrouble {
            console.error("orgtree: error: \(trouble.description)\n")
            return 2
        } catch {
            let message = Orgtree.fullMessage(for: error)
            if Orgtree.exitCode(for: error) == .success {
                console.out(message + "\n")
                return 0
            }
            console.error((message.isEmpty ? "orgtree: error" : message) + "\n")
            return 2
        }
    }

    /// "unknown command 'validte'; did you mean 'validate'?" when the first argument is
    /// a word that names no command.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = Orgtree.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        return "unknown command '\(first)'" + Suggestion.didYouMean(first, among: names, otherwise: "; `orgtree --help` lists the commands")
    }
}
