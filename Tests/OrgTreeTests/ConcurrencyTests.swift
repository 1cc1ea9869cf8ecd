import Foundation
import OrgTreeCore
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test func concurrentMapKeepsOrder() {
        let inputs = Array(0..<1_000)
        for workers in [0, 1, 2, 7, 2_000] {
            #expect(ConcurrentMap.map(inputs, workers: workers) { $0 * 3 } == inputs.map { $0 * 3 })
        }
        #expect(ConcurrentMap.map([Int](), workers: 4) { $0 }.isEmpty)
    }

    /// The one unchecked spot (the map's result slots, and a background result's value)
    /// under the thread sanitizer: the two source files compiled on their own with
    /// `-sanitize=thread` and a program that maps with many workers.
    @Test func noDataRaceUnderTheThreadSanitizer() throws {
        let folder = TemporaryFolder()
        let program = folder.path + "/tsan-check"
        let sources = ["Sources/OrgTreeCore/Concurrency/ConcurrentMap.swift",
                       "Sources/OrgTreeCore/Concurrency/BackgroundResult.swift",
                       "Tests/Fixtures/tsan/main.swift"].map(Repo.path)
        let compile = try run("/usr/bin/env", ["swiftc", "-sanitize=thread", "-Onone", "-module-name", "TSanCheck", "-o", program] + sources)
        try #require(compile.status == 0, "\(compile.stderr)")
        let result = try run(program, [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ok\n")
        #expect(!result.stderr.contains("ThreadSanitizer"), "\(result.stderr)")
    }

    /// Runs a program with both streams written to files (the sanitizer's report can be
    /// long), and reads them back.
    private func run(_ executable: String, _ arguments: [String]) throws -> ProcessResult {
        let folder = TemporaryFolder()
        let (outPath, errPath) = (folder.path + "/out", folder.path + "/err")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                             stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
