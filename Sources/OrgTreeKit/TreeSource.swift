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

/// `orgtree diff`: both trees read, NEW validated, then compared.
public enum TreeComparison {
    public enum Outcome: Sendable {
        /// NEW does not validate: its report, paths prefixed with NEW's name.
        case newInvalid(ValidationReport)
        case compared(TreeDiff, oldErrors: Int)
    }

    /// Reads OLD and NEW, validates NEW (every rule and its assertions, on `day`) and
    /// compares them. OLD is not validated beyond reading: it is the state the change
    /// starts from. With `actor`, each change the actor may not make alone is marked.
    public static func run(old: TreeSource, new: TreeSource, day: Day, actor: Subject? = nil,
                           reader: TreeReader = TreeReader(), directory: String? = nil) throws(TreeReadError) -> Outcome {
        let before = try old.load(reader: reader, directory: directory)
        let after = try new.load(reader: reader, directory: directory)
        let validation = Validator().validate(after.tree, readDiagnostics: after.diagnostics, at: day)
        guard validation.isValid else {
            return .newInvalid(ValidationReport(root: new.description, diagnostics: validation.diagnostics,
                                                sources: after.sources, counts: TreeCounts(after.tree)).prefixingPaths())
        }
        if let actor, before.tree.person(actor) == nil, after.tree.person(actor) == nil {
            throw TreeReadError("--actor \(actor) is a person of neither tree")
        }
        let engine = AccessEngine(tree: before.tree)
        var diff = TreeDiffer(old: engine, new: validation.engine, day: day, workers: reader.workers).diff()
        if let actor { diff = diff.checked(actor: actor, against: engine) }
        return .compared(diff, oldErrors: before.diagnostics.count { $0.severity == .error })
    }
}

extension ValidationReport {
    /// The same report with every path prefixed by the tree's name (`HEAD:org/people/ann.yaml`,
    /// `new-tree/people/ann.yaml`), so that it says which tree it is about.
    func prefixingPaths() -> ValidationReport {
        let prefix = root.hasSuffix("/") || root.hasSuffix(":") ? root : root + "/"
        var report = self
        report.diagnostics = diagnostics.map { d in
            var d = d
            d.location.file = prefix + d.location.file
            return d
        }
        report.sources = sources.prefixingPaths(with: prefix)
        report.root = root
        return report
    }
}
