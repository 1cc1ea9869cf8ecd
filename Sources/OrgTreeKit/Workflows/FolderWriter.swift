#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// Files and folders are created relative to the folder's descriptor, one name at a
    /// time, never following a link: a path with an empty, `.` or `..` name is refused,
    /// so nothing is written outside `folder`.
    @discardableResult
    public static func write<Files: Sequence>(_ files: Files, into folder: String,
                                              written counted: (Int) -> Void = { _ in }) throws(Failure) -> Int
    where Files.Element == (path: String, text: String) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(folder): \(error.localizedDescription)")
        }
        let root = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw Failure(description: "cannot open \(folder): \(lastError())") }
        defer { close(root) }
        var written = 0
        for file in files {
            try write(file.text, to: file.path, under: root, shown: URL(fileURLWithPath: folder).appendingPathComponent(file.path).path)
            written += 1
            counted(written)
        }
        return written
    }

    private static func write(_ text: String, to path: String, under root: Int32, shown: String) throws(Failure) {
        let (directory, name) = try parent(of: path, under: root, create: true, shown: shown)
        defer { if directory != root { close(directory) } }
        let fd = openat(directory, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot write \(shown): \(lastError())") }
        defer { close(fd) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot write \(shown): \(lastError())")
            }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Removes each file (path relative to `folder`) that is there, relative to the
    /// folder's descriptor and never following a link (a link is removed, not what it
    /// points to); a file already gone is no trouble. Folders are left.
    public static func remove(_ paths: [String], from folder: String) throws(Failure) {
        let root = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw Failure(description: "cannot open \(folder): \(lastError())") }
        defer { close(root) }
        for path in paths {
            let shown = URL(fileURLWithPath: folder).appendingPathComponent(path).path
            let directory: Int32, name: String
            do {
                (directory, name) = try parent(of: path, under: root, create: false, shown: shown)
            } catch where errno == ENOENT {
                continue
            }
            defer { if directory != root { close(directory) } }
            if unlinkat(directory, name, 0) != 0 && errno != ENOENT {
                throw Failure(description: "cannot remove \(shown): \(lastError())")
            }
        }
    }

    /// The folder holding `path` (opened one name at a time under `root`, never through a
    /// link; made when `create`) and the file's own name. Refuses an empty, `.` or `..` name.
    private static func parent(of path: String, under root: Int32, create: Bool, shown: String) throws(Failure) -> (Int32, String) {
        let names = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !names.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw Failure(description: "cannot write \(shown): '\(path)' is not a path inside the folder")
        }
        var directory = root
        for name in names.dropLast() {
            if create && mkdirat(directory, name, 0o755) != 0 && errno != EEXIST {
                let failure = Failure(description: "cannot write \(shown): \(lastError())")
                if directory != root { close(directory) }
                throw failure
            }
            let next = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let saved = errno
            if directory != root { close(directory) }
            guard next >= 0 else {
                errno = saved
                throw Failure(description: "cannot write \(shown): \(lastError())")
            }
            directory = next
        }
        return (directory, names.last!)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
