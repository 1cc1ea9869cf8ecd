import ArgumentParser
import Foundation
import OrgTreeCore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a valid synthetic tree of a given size (for tests and benchmarks).",
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

    @Option(help: "The folder to write (created; must be empty or absent).")
    var out: String

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: "The day token expiry dates are counted from (YYYY-MM-DD). Default: today.")
    var today: String?

    func validate() throws {
        guard people >= 3 else { throw ValidationError("--people must be at least 3") }
        guard projects >= 1 else { throw ValidationError("--projects must be at least 1") }
    }

    func run() throws {
        let day = try CommandDay.parse(today)
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: out), !existing.isEmpty {
            throw CommandFailure(message: "\(out) is not empty; generate writes into a new or empty folder")
        }
        let generator = TreeGenerator(options: .init(people: people, projects: projects, seed: seed, today: day.description))
        var written = 0
        for file in generator.files() {
            let url = URL(fileURLWithPath: out).appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            } catch {
                throw CommandFailure(message: "cannot write \(url.path): \(error.localizedDescription)")
            }
            written += 1
        }
        print("wrote \(written) files to \(out)")
    }
}
