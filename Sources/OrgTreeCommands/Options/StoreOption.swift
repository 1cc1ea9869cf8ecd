import ArgumentParser
import OrgTreeState

/// `--state URL`: the state store a command works on.
struct StoreOption: ParsableArguments {
    @Option(help: ArgumentHelp("The state store: sqlite:PATH (SQLite) or postgres://USER@HOST:PORT/DB (PostgreSQL).",
                               valueName: "url"))
    var state: String

    /// Opens the store; read-only opening never creates or changes anything.
    func open(readOnly: Bool) throws -> StateStore {
        do {
            return try StateStore(try StateURL(state), readOnly: readOnly)
        } catch let error as StoreError {
            throw CommandFailure(message: error.description)
        }
    }
}
