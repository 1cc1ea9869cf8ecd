import ArgumentParser
import OrgTreeCore
import OrgTreeState

extension AuditLogRendering.Format: ExpressibleByArgument {}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the store's audit log.",
        subcommands: [Log.self, Verify.self]
    )

    struct Log: ConsoleCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the audit log's entries, oldest first.",
            discussion: """
                One entry per row apply inserted, updated or deleted (TABLE KEY), per subject \
                whose effective access it granted, changed or revoked, and per revision, each \
                with the apply's time, revision, actor and Git commit, and what the row or \
                access held before and after.

                Examples:
                  orgtree audit log --state sqlite:state.db
                  orgtree audit log --state sqlite:state.db --subject ann --since 2026-11-01
                  orgtree audit log --state sqlite:state.db --subject token:shop/ci-deploy
                  orgtree audit log --state sqlite:state.db --format json

                Exit codes: 0 shown (also when no entry matches), 2 usage or I/O trouble.
                """
        )

        @OptionGroup var store: StoreOption

        @Option(help: "Only the entries about this subject (ann, pixel/gus, token:shop/ci-deploy): its access and the rows that name it.")
        var subject: String?

        @Option(help: ArgumentHelp("Only the entries of applies on this day (YYYY-MM-DD, UTC) or later.", valueName: "date"))
        var since: String?

        @OptionGroup var output: FormatOption<AuditLogRendering.Format>

        @OptionGroup var color: ColorOption

        func run(_ console: Console) throws {
            let subject = try subject.map { text in
                guard let subject = Subject(text) else {
                    throw CommandFailure(message: "--subject takes ann, pixel/gus or token:shop/ci-deploy, not '\(text)'")
                }
                return subject
            }
            let filter = AuditFilter(subject: subject, since: try since.map { try DayOption.parse($0, option: "--since") })
            let store = try store.open(readOnly: true)
            var rendering = AuditLogRendering(output.format, store: store.url, filter: filter, palette: console.palette)
            console.out(rendering.begin())
            try store.forEachAuditEntry(filter) { console.out(rendering.entry($0)) }
            console.out(rendering.end())
        }
    }

    struct Verify: ConsoleCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's SHA-256 chain.",
            discussion: "Exit codes: 0 intact, 1 broken (the first bad entry is named), 2 trouble."
        )

        @OptionGroup var store: StoreOption
        @OptionGroup var color: ColorOption

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
