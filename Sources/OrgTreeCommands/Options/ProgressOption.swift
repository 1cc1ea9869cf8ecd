import ArgumentParser

/// `--quiet`: no progress on standard error (plan, apply, import, generate), which is
/// shown only when standard error is a terminal anyway.
struct ProgressOption: ParsableArguments {
    @Flag(help: "Show no progress on a terminal's standard error.")
    var quiet = false

    init() {}

    /// The progress of `command` on `console`.
    func progress(_ console: Console, command: String) -> Progress {
        Progress(console, command: command, shown: !quiet)
    }
}
