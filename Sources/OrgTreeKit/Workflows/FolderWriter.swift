import Foundation

/// Writes files into a new or empty folder (`generate`, `import`, `init`).
public enum FolderWriter {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Refuses a folder that exists and holds anything but `ignoring`; `command` names who
    /// refuses, `otherwise` ends the message (what to do instead).
    public static func requireEmpty(_ folder: String, for command: String, ignoring: Set<String> = [],
                                    otherwise: String = "") throws(Failure) {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder), !existing.allSatisfy(ignoring.contains) {
            throw Failure(description: "\(folder) is not empty; \(command) writes into a new or empty folder\(otherwise)")
        }
    }

    /// Which of `files` (paths relative to `folder`) are not there yet.
    public static func absent(_ files: [(path: String, text: String)], in folder: String) -> [(path: String, text: String)] {
        files.filter { !FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent($0.path).path) }
    }

    /// Writes each file (path relative to `folder`), creating folders as needed; returns
    /// how many were written. `written` is told the count after each file (progress).
    @discardableResult
    public static func write<Files: Sequence>(_ files: Files, into folder: String,
                                              written counted: (Int) -> Void = { _ in }) throws(Failure) -> Int
    where Files.Element == (path: String, text: String) {
        var written = 0
        for file in files {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            } catch {
                throw Failure(description: "cannot write \(url.path): \(error.localizedDescription)")
            }
            written += 1
            counted(written)
        }
        return written
    }
}
