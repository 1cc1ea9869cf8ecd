import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Generate: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a valid synthetic tree of any size (for tests and benchmarks).",
        discussion: """
            The same options and seed always give the same bytes.

            Example:
              orgtree generate --people 20000 --projects 2000 --out /tmp/big-org --seed 7
            """
    )

    @Option(help: "Number of people.")
    var people: Int

    @Option(help: "Number of projects.")
    var projects: Int

    @Option(help: "The folder to write: absent, or empty.")
    var out: String

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: "The day token expiry dates are counted from (YYYY-MM-DD). Default: today.")
    var today: String?

    @OptionGroup var quiet: ProgressOption

    @OptionGroup var color: ColorOption

    func validate() throws {
        guard people >= 3 else { throw ValidationError("--people must be at least 3") }
        guard projects >= 1 else { throw ValidationError("--projects must be at least 1") }
    }

    func run(_ console: Console) throws {
        let day = try DayOption.parse(today, option: "--today")
        try FolderWriter.requireEmpty(out, for: "generate")
        let generator = TreeGenerator(options: .init(people: people, projects: projects, seed: seed, today: day.description))
        let progress = quiet.progress(console, command: "generate")
        let written = try FolderWriter.write(generator.files().lazy.map { (path: $0.path, text: $0.contents) }, into: out) {
            if $0 % 500 == 0 { progress.mark(WorkStep("write the files", files: $0, underWay: true)) }
        }
        progress.mark(WorkStep("write the files", files: written))
        console.line("wrote \(written) files to \(out)")
    }
}
