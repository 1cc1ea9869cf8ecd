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
        read(root, walked: try walk(root))
    }

    /// The first step of reading a folder: which files it holds, and what each of them is.
    func walk(_ root: String) throws(TreeReadError) -> TreeWalk {
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
        return walk
    }

    /// The second step: reads the files the walk found, each only if it is still the file
    /// the walk saw (`FileBytes.read`), then decodes them and assembles the tree. Files are
    /// read and decoded on all cores in runs of one folder's files, each run through one
    /// descriptor of its folder (opening a folder per file would cost three more system
    /// calls a file). The walk is consumed: its list of files is gone before the tree is
    /// assembled (at 100,000 files it is 20 MB).
    func read(_ root: String, walked walk: consuming TreeWalk) -> LoadedTree {
        let walkDiagnostics = walk.diagnostics
        var files = walk.files
        _ = consume walk
        files.sort { $0.path < $1.path }
        let decoded = readAndDecode(consume files)
        return assembleTree(root: root, decoded.joined(), walkDiagnostics: walkDiagnostics)
    }

    /// The files, read and decoded, in path order, in runs of one folder's files.
    private func readAndDecode(_ entries: consuming [TreeWalk.Entry]) -> [[(ParsedFile, [UInt8])]] {
        let entries = entries
        let limit = limits.maxBytes
        let decoder = DocumentDecoder(limits: limits)
        let runs = Self.folderRuns(entries, longest: 64)
        return ConcurrentMap.map(runs, workers: workers) { run in
            zip(run, FileBytes.read(entries[run], limit: limit)).map { index, bytes in
                Self.decode(path: entries[index].path, bytes, decoder)
            }
        }
    }

    /// Consecutive entries in the same folder (same path, same identity), in runs of at
    /// most `longest`.
    static func folderRuns(_ entries: [TreeWalk.Entry], longest: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        for i in entries.indices.dropFirst() where entries[i].folder != entries[start].folder
            || entries[i].folderIdentity != entries[start].folderIdentity || i - start == longest {
            runs.append(start..<i)
            start = i
        }
        if !entries.isEmpty { runs.append(start..<entries.count) }
        return runs
    }

    /// Decodes files on all cores and assembles the tree: the part shared by every way of
    /// reading a tree (a folder, a Git revision). `bytes` is called once per entry, on any
    /// core; a file it cannot give is reported at its start (`unsafe-yaml` or `yaml-syntax`).
    func assemble<Entry: Sendable>(root: String, _ entries: [Entry], path: @escaping @Sendable (Entry) -> String,
                                   walkDiagnostics: [Diagnostic],
                                   bytes: @escaping @Sendable (Entry) -> Result<[UInt8], FileBytes.Problem>) -> LoadedTree {
        let decoder = DocumentDecoder(limits: limits)
        let results = ConcurrentMap.map(entries, workers: workers) { entry in
            Self.decode(path: path(entry), bytes(entry), decoder)
        }
        return assembleTree(root: root, results, walkDiagnostics: walkDiagnostics)
    }

    /// One file decoded, and its bytes (kept for quoting lines); a file that could not be
    /// given is reported at its start (`unsafe-yaml` or `yaml-syntax`).
    static func decode(path: String, _ bytes: Result<[UInt8], FileBytes.Problem>, _ decoder: DocumentDecoder) -> (ParsedFile, [UInt8]) {
        switch bytes {
        case .success(let bytes):
            return (decoder.decode(path: path, bytes: bytes), bytes)
        case .failure(let problem):
            let rule: RuleName = problem.unsafe ? .unsafeYAML : .yamlSyntax
            return (ParsedFile(path: path, document: nil, diagnostics: [
                Diagnostic(rule, problem.message, at: .start(of: path)),
            ]), [])
        }
    }

    /// The tree of the decoded files, in path order.
    func assembleTree(root: String, _ results: some Collection<(ParsedFile, [UInt8])>, walkDiagnostics: [Diagnostic]) -> LoadedTree {
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
