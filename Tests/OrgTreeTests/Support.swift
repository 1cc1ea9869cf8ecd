import Foundation
import OrgTreeCommands
import OrgTreeCore

/// Paths and helpers shared by the tests.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The `orgtree` executable built next to the tests.
    static var executable: String {
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("orgtree").path
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "orgtree-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A folder in `base` (e.g. "/tmp/", which every user may reach, when the test's own
    /// temporary folder is private).
    init(in base: String) {
        path = base + "orgtree-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) {
        write(relative, Array(text.utf8))
    }

    func write(_ relative: String, _ bytes: [UInt8]) {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: url)
    }

    /// Writes the base tree of the rule examples, with overrides.
    func writeTree(_ files: [String: String] = [:]) {
        for (file, text) in RuleExample(files).tree { write(file, text) }
    }
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs an orgtree command line in this process, as the executable would (exit status,
/// standard output, standard error), by default into pipes: without colour or progress.
/// `terminal` and `errorTerminal` stand for standard output and standard error on a
/// terminal, `environment` for its variables (NO_COLOR, TERM).
func orgtreeInProcess(_ arguments: [String], terminal: Bool = false, errorTerminal: Bool = false,
                      environment: [String: String] = [:]) -> ProcessResult {
    let capture = CapturingConsole(terminal: terminal, errorTerminal: errorTerminal, environment: environment)
    let status = OrgtreeCommandLine.run(arguments, console: capture.console)
    return ProcessResult(status: status, stdout: capture.output, stderr: capture.errors)
}

/// Runs an orgtree command line in this process (see `orgtreeInProcess`); `throws` so that
/// it reads like `runExecutable` at call sites.
func runOrgtree(_ arguments: [String]) throws -> ProcessResult {
    orgtreeInProcess(arguments)
}

/// Runs the built orgtree executable (end-to-end tests: a working directory, the
/// environment, signals, several processes at once).
func runExecutable(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> ProcessResult {
    try runProcess(Repo.executable, arguments, environment: environment, in: directory)
}

/// Runs a program and waits for it: its exit status and what it printed.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

let exampleDay = Day("2026-06-01")!

func validate(_ files: [String: String], removing: [String] = []) -> ValidationResult {
    Validator().validate(texts: RuleExample(files, removing: removing).tree, at: exampleDay)
}
