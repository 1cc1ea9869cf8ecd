import ArgumentParser

struct Unlock: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Release a store lock left by a process that was killed, by its id.",
        discussion: """
            Example:
              orgtree unlock --state sqlite:state.db 3f9a0c1d2e4b5a69
            """
    )

    @OptionGroup var store: StoreOption
    @Argument(help: "The lock id, as a refused or waiting apply prints it.") var id: String
    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let lock = try store.open(readOnly: false).unlock(id: id)
        console.line("released \(lock)")
    }
}
