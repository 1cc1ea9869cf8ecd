import Foundation

/// Where file systems are mounted, as the system lists them for this process
/// (`/proc/self/mountinfo`; none where there is no such file). Asked only when a file the
/// walk saw has another identity when it is opened: a file mounted over a name of the
/// tree (a bind mount of one file) is the one case where that is no change to report.
struct MountPoints {
    private let paths: Set<String>

    init(mountinfo: String) {
        paths = Set(mountinfo.split(separator: "\n").compactMap { line in
            // ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS …
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            return fields.count > 4 ? Self.unescaped(fields[4]) : nil
        })
    }

    static func current() -> MountPoints {
        MountPoints(mountinfo: (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "")
    }

    func contains(_ path: String) -> Bool { paths.contains(path) }

    /// The list writes a space, tab, newline and backslash in a path as `\040`, `\011`,
    /// `\012` and `\134`.
    static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count,
               let code = UInt8(String(decoding: utf8[i + 1...i + 3], as: UTF8.self), radix: 8) {
                bytes.append(code)
                i += 4
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
