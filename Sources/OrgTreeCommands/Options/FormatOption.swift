import ArgumentParser

/// `--format NAME`: the output format of a command, one of `Format`'s cases (the help
/// lists them); the first case, text, is the default.
struct FormatOption<Format: ExpressibleByArgument & CaseIterable & Sendable>: ParsableArguments {
    @Option(help: "The output format.")
    var format: Format = Format.allCases.first!

    init() {}
}
