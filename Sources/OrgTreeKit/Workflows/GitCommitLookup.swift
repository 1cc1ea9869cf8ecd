import Foundation

/// `git rev-parse --verify HEAD` in a tree's folder (the commit of the tree's Git
/// repository, when it is in one), run in a child process while other work goes on;
/// `value` waits for it.
public final class GitCommitLookup: @unchecked Sendable {
    private let process: Process
    private let out = Pipe()
    private let started: Bool

    public init(folder: String) {
        process = Git(directory: nil).process(["-C", folder, "rev-parse", "--verify", "--quiet", "HEAD"])
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        started = (try? process.run()) != nil
    }

    /// The commit, or nil when the folder is not in a repository (or Git is missing).
    public var value: String? {
        guard started else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
