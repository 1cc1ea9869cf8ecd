import ArgumentParser
import OrgTreeCore
import OrgTreeKit
import OrgTreeState

struct Import: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a tree from a state store.",
        discussion: """
            The tree validates and `orgtree diff` finds it identical in effect to the tree \
            last applied. Assertions and comments are not kept in the store.

            Example:
              orgtree import --state sqlite:state.db --out recovered-org

            Exit codes: 0 written, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var store: StoreOption
    @Option(help: "The folder to write (new or empty).") var out: String
    @OptionGroup var quiet: ProgressOption
    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let progress = quiet.progress(console, command: "import")
        let store = try store.open(readOnly: true)
        let stored = try store.read()
        progress.mark(WorkStep("read the store", rows: stored.snapshot.rowCount))
        try FolderWriter.requireEmpty(out, for: "import")
        let files = try SnapshotTree.checkedFiles(from: stored.snapshot)
        progress.mark(WorkStep("the tree's files", files: files.count))
        try FolderWriter.write(files, into: out) { if $0 % 500 == 0 { progress.mark(WorkStep("write the files", files: $0, underWay: true)) } }
        progress.mark(WorkStep("write the files", files: files.count))
        console.line("wrote \(counted(files.count, "file")) from \(store.url) (revision \(stored.revision)) to \(out)")
    }
}
