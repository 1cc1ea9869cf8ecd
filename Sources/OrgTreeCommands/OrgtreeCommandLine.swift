import ArgumentParser

/// Runs one orgtree command line and maps every outcome onto orgtree's exit codes: 0
/// success, 1 findings, 2 usage or I/O trouble (argument-parser's own default for usage
/// errors would be 64).
public enum OrgtreeCommandLine {
    /// `arguments` without the program's name.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        defer { console.flush() }
        do {
            var command = try Orgtree.parseAsRoot(arguments)
            if let command = command as? any ConsoleCommand {
                try command.run(console)
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
}
