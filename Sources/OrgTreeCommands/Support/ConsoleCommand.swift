import ArgumentParser

/// A command that writes through a `Console` (every orgtree command), so that it runs the
/// same in the process's own streams and in a test's.
protocol ConsoleCommand: ParsableCommand {
    func run(_ console: Console) throws
}

extension ConsoleCommand {
    func run() throws { try run(Console.standard()) }
}
