#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import OrgTreeCore

/// Writes a report's site into a folder (`report --out`): a new or empty folder, or one
/// that holds a previous report, marked by its `.orgtree-report` file, which lists the
/// files that report wrote. Those files are replaced, the listed ones the new report does
/// not write again are removed, and nothing else in the folder is touched. Any other
/// folder with something in it is refused.
public enum ReportFolder {
    /// The marker's first line; the report's files follow, one a line.
    static let markerHeading = "orgtree report: the files below are replaced by the next orgtree report into this folder"

    /// Writes every file of `report` into `folder`; returns how many (the marker not
    /// counted). `written` is told the count after each file (progress).
    @discardableResult
    public static func write(_ report: AccessReport, into folder: String,
                             written counted: (Int) -> Void = { _ in }) throws(FolderWriter.Failure) -> Int {
        let previous = try previousFiles(in: folder)
        let paths = ReportSite.paths(report)
        let kept = Set(paths)
        let stale = previous.filter { !kept.contains($0) }
        // The marker names the old and new files while the pages are written, so that a
        // report cut short still marks the folder as one.
        try FolderWriter.write([(ReportPaths.marker, marker(paths + stale))], into: folder)
        let n = try FolderWriter.write(ReportSite.files(report), into: folder, written: counted)
        try FolderWriter.remove(stale, from: folder)
        try FolderWriter.write([(ReportPaths.marker, marker(paths))], into: folder)
        return n
    }

    static func marker(_ paths: [String]) -> String {
        ([markerHeading] + paths).joined(separator: "\n") + "\n"
    }

    /// The files of the report already in `folder`: none for an absent or empty folder.
    /// Refuses a folder with other things in it and no marker.
    static func previousFiles(in folder: String) throws(FolderWriter.Failure) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), !entries.isEmpty else { return [] }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(ReportPaths.marker).path
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let text = try? String(contentsOfFile: path, encoding: .utf8),
              text.hasPrefix(markerHeading + "\n") else {
            throw FolderWriter.Failure(description: "\(folder) is not empty and holds no orgtree report (no \(ReportPaths.marker)); report writes into a new or empty folder, or over a report it wrote before")
        }
        // Only pages a report writes: `.html` files inside the folder.
        return text.split(separator: "\n").dropFirst().map(String.init).filter { path in
            path.hasSuffix(".html") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
        }
    }
}
