import Foundation
import OrgTreeCore

/// Where a tree comes from: a folder, or `REV:PATH` in a Git repository.
public enum TreeSource: Sendable, Hashable, CustomStringConvertible {
    case folder(String)
    case revision(String, path: String)

    /// An existing folder is a folder (even with a ':' in its name); otherwise an argument
    /// with a ':' is `REV:PATH` (split at the first ':'; `REV:` alone is the repository
    /// root); anything else is a folder, which reading then reports missing.
    public init(_ argument: String, isFolder: (String) -> Bool = TreeSource.isFolder) {
        if !isFolder(argument), let colon = argument.firstIndex(of: ":") {
            self = .revision(String(argument[..<colon]), path: String(argument[argument.index(after: colon)...]))
        } else {
            self = .folder(argument)
        }
    }

    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public var description: String {
        switch self {
        case .folder(let path): return path
        case .revision(let revision, let path): return "\(revision):\(path)"
        }
    }

    /// Reads the tree (Git runs in `directory`, or the current directory).
    public func load(reader: TreeReader = TreeReader(), directory: String? = nil) throws(TreeReadError) -> LoadedTree {
        switch self {
        case .folder(let path):
            return try reader.read(path)
        case .revision(let revision, let path):
            return try GitTreeReader(reader: reader, directory: directory).read(revision: revision, path: path, name: description)
        }
    }
}
