import Foundation
import OrgTreeCore

/// Walks the folder: collects YAML files, skips hidden entries, follows links only
/// while they stay inside the tree, and never visits a folder twice (link loops). Links
/// to folders are followed after every real folder is walked, so a link that aliases a
/// folder of the tree is reported and the folder is read under its own name. Nothing
/// that looks like part of the tree is skipped without a diagnostic: names that are not
/// UTF-8, folders named like YAML files, links to folders already read.
struct TreeWalk {
    struct Entry: Sendable {
        var path: String
        var absolute: String
    }

    let realRoot: String
    var files: [Entry] = []
    var diagnostics: [Diagnostic] = []
    var visited: [String: String] = [:]
    /// Links to folders inside the tree, walked once the real folders are: (path, target).
    var folderLinks: [(path: String, target: String)] = []

    init(realRoot: String) {
        self.realRoot = realRoot
    }

    /// Walks the whole tree from its real root.
    mutating func walkTree() throws(TreeReadError) {
        try walk(directory: realRoot, relative: "")
        var next = 0
        while next < folderLinks.count {
            let (path, target) = folderLinks[next]
            next += 1
            try walk(directory: target, relative: path)
        }
    }

    mutating func walk(directory: String, relative: String) throws(TreeReadError) {
        if let first = visited[directory] {
            diagnostics.append(Self.folderAlias(relative, of: first))
            return
        }
        visited[directory] = relative
        guard let handle = opendir(directory) else {
            if relative.isEmpty { throw TreeReadError("cannot read the folder \(directory): \(String(cString: strerror(errno)))") }
            diagnostics.append(Diagnostic(.unsafeYAML, "the folder cannot be read: \(String(cString: strerror(errno)))", at: .start(of: relative)))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if bytes.first == UInt8(ascii: ".") { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let path = (relative.isEmpty ? "" : relative + "/") + Self.escaped(bytes)
                diagnostics.append(Diagnostic(.unknownKey, "the name of \(path) is not valid UTF-8, so orgtree cannot read it; rename it with lowercase letters, digits and '-' (e.g. `mv` it in a shell)", at: .start(of: path)))
                continue
            }
            names.append(name)
        }
        closedir(handle)

        for name in names.sorted() {
            let absolute = directory + "/" + name
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(absolute, &info) == 0 else {
                diagnostics.append(Diagnostic(.unsafeYAML, "\(path) cannot be examined: \(String(cString: strerror(errno)))", at: .start(of: path)))
                continue
            }
            var kind = info.st_mode & S_IFMT
            var target = absolute
            if kind == S_IFLNK {
                guard let resolved = TreeReader.realPath(absolute) else {
                    if Self.isYAML(name) {
                        diagnostics.append(Diagnostic(.unsafeYAML, "the link \(path) leads nowhere", at: .start(of: path)))
                    }
                    continue
                }
                guard resolved == realRoot || resolved.hasPrefix(realRoot + "/") else {
                    diagnostics.append(Diagnostic(.unsafeYAML, "the link \(path) leads out of the tree (to \(resolved)); links must stay inside the tree", at: .start(of: path)))
                    continue
                }
                guard stat(resolved, &info) == 0 else {
                    diagnostics.append(Diagnostic(.unsafeYAML, "the link \(path) cannot be followed: \(String(cString: strerror(errno)))", at: .start(of: path)))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFDIR {
                    folderLinks.append((path, resolved))
                    continue
                }
                kind = info.st_mode & S_IFMT
                target = resolved
            }
            if kind == S_IFDIR {
                if Self.isYAML(name) { diagnostics.append(Self.folderNamedLikeYAML(path)) }
                try walk(directory: target, relative: path)
            } else if Self.isYAML(name) {
                if kind == S_IFREG {
                    files.append(Entry(path: path, absolute: target))
                } else {
                    diagnostics.append(Diagnostic(.unsafeYAML, "\(path) is not a regular file", at: .start(of: path)))
                }
            }
        }
    }

    /// Whether a name ends like a YAML file's, in any case (`.yaml`, `.yml`, `.YAML`):
    /// every such file is read or reported, none silently skipped.
    static func isYAML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// A link to a folder that is read under its own name (`first`, "" for the root).
    static func folderAlias(_ path: String, of first: String) -> Diagnostic {
        let read = first.isEmpty ? "the tree's root folder" : "the folder \(first)"
        return Diagnostic(.unknownKey, "\(path) is a link to \(read), which is read under its own name; remove the link (a second project, team or agency needs a folder of its own)", at: .start(of: path))
    }

    static func folderNamedLikeYAML(_ path: String) -> Diagnostic {
        Diagnostic(.unknownKey, "\(path) is a folder, but its name ends like a YAML file's; rename it, or move its files out and remove it", at: .start(of: path))
    }

    /// A name that is not UTF-8, shown with each byte outside printable ASCII as `\xFF`.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "\\") ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }
}
