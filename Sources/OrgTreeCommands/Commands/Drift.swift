import ArgumentParser
import OrgTreeState

struct Drift: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what was changed in the state store outside orgtree since the last apply.",
        discussion: """
            Compares every row of the store with what the last apply wrote.

            Example:
              orgtree drift . --state sqlite:state.db

            Exit codes: 0 no drift, 1 drift, 2 usage or I/O trouble.
            """
    )

    @Argument(help: "The tree folder (reported against the last applied tree digest).") var tree: String = "."
    @OptionGroup var store: StoreOption
    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let store = try store.open(readOnly: true)
        let items = try store.drift()
        console.line(StoreTextRendering.drift(items, store: store.url, last: try store.revisions().first))
        if !items.isEmpty { throw ExitCode(1) }
    }
}
