import ArgumentParser

/// A command that writes through a `Console` (every orgtree command), so that it runs the
/// same in the process's own streams and in a test's. Every one takes `--color`.
protocol ConsoleCommand: ParsableCommand {
    var color: ColorOption { get }
    func run(_ console: Console) throws
}

extension ConsoleCommand {
    func run() throws { try runColored(Console.standard()) }

    /// Runs the command on `console` in the colour its `--color` chose.
    func runColored(_ console: Console) throws {
        console.useColor(color.color)
        try run(console)
    }
}
