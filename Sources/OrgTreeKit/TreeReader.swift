import Foundation
import OrgTreeCore
import OrgTreeYAML

/// Trouble that stops a tree from being read at all (exit 2), as opposed to problems
/// inside the tree, which are diagnostics.
public struct TreeReadError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// A tree read from disk: the assembled model, every diagnostic of reading it, and the
/// file texts (for quoting source lines in diagnostics).
public struct LoadedTree: Sendable {
    public var root: String
    public var tree: OrgTree
    public var diagnostics: [Diagnostic]
    public var sources: SourceTexts
}

/// Reads a tree folder: walks it without following links out of it, reads and parses
/// the files on all cores, and assembles the model.
public struct TreeReader: Sendable {
    public var limits: YAMLLimits
    public var workers: Int

    public init(limits: YAMLLimits = .standard, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.limits = limits
        self.workers = max(1, workers)
    }

    /// What a tree folder holds at its top; a folder with none of these is refused.
    static let treeEntries: Set<String> = ["organization.yaml", "people", "teams", "projects", "partners", "assertions"]

    public func read(_ root: String) throws(TreeReadError) -> LoadedTree {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw TreeReadError("no such folder: \(root)")
        }
        guard isDirectory.boolValue else { throw TreeReadError("not a folder: \(root)") }
        guard let realRoot = Self.realPath(root) else { throw TreeReadError("cannot resolve the folder \(root)") }
        // A folder with none of a tree's entries is not a tree with every file missing.
        let top = Set((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
        if top.isDisjoint(with: Self.treeEntries) {
            throw TreeReadError("no organization.yaml in \(root) — is this an orgtree tree? A tree holds organization.yaml, people/, teams/, projects/, partners/ and assertions/ (`orgtree rules unknown-key` shows where each file goes)")
        }

        var walk = TreeWalk(realRoot: realRoot)
        try walk.walkTree()
        let entries = walk.files.sorted { $0.path < $1.path }
        let limit = limits.maxBytes
        return assemble(root: root, entries, path: \.path, walkDiagnostics: walk.diagnostics) {
            FileBytes.read($0.absolute, limit: limit)
        }
    }

    /// Decodes files on all cores and assembles the tree: the part shared by every way of
    /// reading a tree (a folder, a Git revision). `bytes` is called once per entry, on any
    /// core; a file it cannot give is reported at its start (`unsafe-yaml` or `yaml-syntax`).
    func assemble<Entry: Sendable>(root: String, _ entries: [Entry], path: @escaping @Sendable (Entry) -> String,
                                   walkDiagnostics: [Diagnostic],
                                   bytes: @escaping @Sendable (Entry) -> Result<[UInt8], FileBytes.Problem>) -> LoadedTree {
        let decoder = DocumentDecoder(limits: limits)
        let results = ConcurrentMap.map(entries, workers: workers) { entry -> (ParsedFile, [UInt8]) in
            let path = path(entry)
            switch bytes(entry) {
            case .success(let bytes):
                return (decoder.decode(path: path, bytes: bytes), bytes)
            case .failure(let problem):
                let rule: RuleName = problem.unsafe ? .unsafeYAML : .yamlSyntax
                return (ParsedFile(path: path, document: nil, diagnostics: [
                    Diagnostic(rule, problem.message, at: .start(of: path)),
                ]), [])
            }
        }
        var parsed: [ParsedFile] = []
        parsed.reserveCapacity(results.count)
        var texts: [String: [UInt8]] = [:]
        texts.reserveCapacity(results.count)
        for (file, bytes) in results {
            parsed.append(file)
            texts[file.path] = bytes
        }
        var (tree, diagnostics) = OrgTree.assemble(parsed)
        diagnostics += walkDiagnostics
        return LoadedTree(root: root, tree: tree, diagnostics: diagnostics, sources: SourceTexts(texts))
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

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

/// Reads a whole file, refusing files over the size limit before reading them.
enum FileBytes {
    struct Problem: Error {
        var message: String
        var unsafe: Bool

        static func oversized(_ size: Int, limit: Int) -> Problem {
            Problem(message: "file is \(size) bytes, over the limit of \(limit) bytes", unsafe: true)
        }
    }

    static func read(_ path: String, limit: Int) -> Result<[UInt8], Problem> {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            return .failure(Problem(message: "cannot open the file: \(String(cString: strerror(errno)))", unsafe: false))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(Problem(message: "not a regular file", unsafe: true))
        }
        let size = Int(info.st_size)
        if size > limit { return .failure(.oversized(size, limit: limit)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(fd, buffer.baseAddress! + done, size - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(message: "cannot read the file: \(String(cString: strerror(errno)))", unsafe: false))
            }
            if n == 0 { break }
            done += n
        }
        if done < size { bytes.removeLast(size - done) }
        return .success(bytes)
    }
}
