import ArgumentParser

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the store's audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: ConsoleCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's SHA-256 chain.",
            discussion: "Exit codes: 0 intact, 1 broken (the first bad entry is named), 2 trouble."
        )

        @OptionGroup var store: StoreOption

        func run(_ console: Console) throws {
            let store = try store.open(readOnly: true)
            let result = try store.verifyAudit()
            if let broken = result.brokenAt {
                console.line("audit log of \(store.url) is broken at entry \(broken) (of \(result.entries) read): an entry was changed, removed or inserted")
                throw ExitCode(1)
            }
            console.line("audit log of \(store.url) is intact: \(result.entries) entries, each chained to the one before")
        }
    }
}
