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
    /// so nothing is written outside `folder`. Consecutive files of one folder (as in a
    /// sorted list) share that folder's descriptor, opened once for all of them: such a
    /// file costs one `openat`, one `write` and one `close`.
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
        var current = OpenFolder(root: root)
        defer { current.close() }
        var written = 0
        for file in files {
            let (folderPath, name) = try split(file.path, in: folder)
            if folderPath != current.path {
                current.close()
                current = OpenFolder(root: root)
                current = try OpenFolder(folderPath, under: root, create: true, for: file.path, in: folder)
            }
            try write(file.text, named: name, in: current.descriptor, for: file.path, in: folder)
            written += 1
            counted(written)
        }
        return written
    }

    private static func write(_ text: String, named name: String, in directory: Int32,
                              for path: String, in folder: String) throws(Failure) {
        let fd = openat(directory, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw cannot("write", path, in: folder) }
        defer { close(fd) }
        var text = text
        let complete = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard complete else { throw cannot("write", path, in: folder) }
    }

    /// Removes each file (path relative to `folder`) that is there, relative to the
    /// folder's descriptor and never following a link (a link is removed, not what it
    /// points to); a file already gone is no trouble. Folders are left.
    public static func remove(_ paths: [String], from folder: String) throws(Failure) {
        let root = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw Failure(description: "cannot open \(folder): \(lastError())") }
        defer { close(root) }
        var current = OpenFolder(root: root)
        defer { current.close() }
        for path in paths {
            let (folderPath, name) = try split(path, in: folder)
            if folderPath != current.path {
                current.close()
                current = OpenFolder(root: root)
                do {
                    current = try OpenFolder(folderPath, under: root, create: false, for: path, in: folder)
                } catch where errno == ENOENT {
                    continue
                }
            }
            if unlinkat(current.descriptor, name, 0) != 0 && errno != ENOENT {
                throw cannot("remove", path, in: folder)
            }
        }
    }

    /// The folder part of `path` (`""` for a file of the folder itself) and the file's own
    /// name. Refuses a path with an empty, `.` or `..` name.
    private static func split(_ path: String, in folder: String) throws(Failure) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            guard isPlainName(path) else { throw outside(path, in: folder) }
            return ("", path)
        }
        let folderPath = String(path[..<slash]), name = String(path[path.index(after: slash)...])
        guard isPlainName(name), folderPath.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isPlainName) else {
            throw outside(path, in: folder)
        }
        return (folderPath, name)
    }

    /// A name that stays inside its folder: neither empty nor `.` nor `..`.
    private static func isPlainName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && name != "." && name != ".."
    }

    private static func outside(_ path: String, in folder: String) -> Failure {
        Failure(description: "cannot write \(shown(path, in: folder)): '\(path)' is not a path inside the folder")
    }

    /// The failure to `verb` `path` (relative to `folder`) for the reason `errno` gives;
    /// `errno` is left as it was.
    static func cannot(_ verb: String, _ path: String, in folder: String) -> Failure {
        let saved = errno
        defer { errno = saved }
        let reason = lastError()
        return Failure(description: "cannot \(verb) \(shown(path, in: folder)): \(reason)")
    }

    /// `path` (relative to `folder`) as messages show it.
    private static func shown(_ path: String, in folder: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent(path).path
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
