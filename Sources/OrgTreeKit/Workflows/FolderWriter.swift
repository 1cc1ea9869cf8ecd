import Foundation

/// Writes files into a new or empty folder (`generate`, `import`, `init`).
public enum FolderWriter {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Refuses a folder that exists and holds anything; `command` names who refuses,
    /// `otherwise` ends the message (what to do instead).
    public static func requireEmpty(_ folder: String, for command: String, otherwise: String = "") throws(Failure) {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder), !existing.isEmpty {
            throw Failure(description: "\(folder) is not empty; \(command) writes into a new or empty folder\(otherwise)")
        }
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
