import ArgumentParser

/// The tree folder, the first argument of most commands (default: the current folder).
struct TreeArgument: ParsableArguments {
    @Argument(help: "The tree folder.")
    var tree: String = "."
}
