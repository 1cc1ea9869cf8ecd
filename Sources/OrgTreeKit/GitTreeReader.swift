import Foundation
import OrgTreeCore

/// Reads a tree from a Git revision (`REV:PATH`) straight from Git's objects, never from
/// the work tree or the index: `git rev-parse` finds the commit and the folder,
/// `git ls-tree` lists it, one `git cat-file --batch` process gives every file's bytes.
/// The files then go through the same decoding as a folder (`TreeReader`), with the same
/// limits: files over the size limit are refused unread, and symbolic links (mode
/// 120000) are followed only while they stay inside the tree folder.
///
/// `PATH` is read the way Git reads it after `REV:`: relative to the repository root, or
/// to the current directory when it starts with `./` or `../` (or is `.` or `..`); empty
/// means the root.
public struct GitTreeReader: Sendable {
    public var reader: TreeReader
    /// Where Git runs (its repository is the one this folder is in); nil: the current directory.
    public var directory: String?

    public init(reader: TreeReader = TreeReader(), directory: String? = nil) {
        self.reader = reader
        self.directory = directory
    }

    public func read(revision: String, path: String, name: String) throws(TreeReadError) -> LoadedTree {
        guard !revision.isEmpty else {
            throw TreeReadError("'\(name)' names no revision before ':'; write REV:PATH, e.g. HEAD:\(path)")
        }
        guard !revision.hasPrefix("-") else { throw TreeReadError("'\(revision)' is not a revision") }
        let git = Git(directory: directory)
        let repository = try git.run(["rev-parse", "--git-dir"])
        guard repository.status == 0 else {
            throw TreeReadError("\(name) names a Git revision, but \(directory ?? "the current directory") is not in a Git repository (\(repository.errorLine))")
        }
        let commit = try git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"])
        guard commit.status == 0, let commitID = commit.line, !commitID.isEmpty else {
            throw TreeReadError("no revision '\(revision)' in the Git repository (\(name))")
        }
        // Git reads `./x` relative to the current directory but not `.` alone: `REV:.` is
        // what people write for "this folder", so it means `REV:./`.
        let gitPath = path == "." || path == ".." ? path + "/" : path
        let object = try git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(commitID):\(gitPath)"])
        guard object.status == 0, let treeID = object.line else {
            throw TreeReadError("'\(path)' does not exist in \(revision) (\(name))")
        }
        let type = try git.run(["cat-file", "-t", treeID])
        guard type.line == "tree" else {
            throw TreeReadError("'\(path)' in \(revision) is a \(type.line ?? "file"), not a folder (\(name))")
        }
        let listing = try git.run(["ls-tree", "-r", "-t", "-l", "-z", "--full-tree", treeID])
        guard listing.status == 0 else { throw TreeReadError("cannot list \(name): \(listing.errorLine)") }

        let objects = GitListing(listing.output)
        let batch = try CatFileBatch(git: git)
        defer { batch.close() }
        // The listing joins names with '/', so a tree entry whose own name holds one
        // ('teams/support.yaml' at the top) would pass for, or shadow, a file in a folder:
        // every tree's names are checked in the tree objects themselves.
        let treeIDs = Array(Set([treeID] + objects.entries.values.filter(\.isTree).map(\.id))).sorted()
        for (id, bytes) in zip(treeIDs, try batch.contents(of: treeIDs)) {
            if let bad = GitTreeObject.invalidName(in: bytes ?? [], hashLength: treeID.utf8.count / 2) {
                throw TreeReadError("\(name) is not a well-formed Git tree: tree \(id) has an entry named '\(bad)'")
            }
        }
        let limit = reader.limits.maxBytes
        // A link's target is a blob like any other: one over the size limit is not read
        // (and the link leads nowhere).
        let linkIDs = Array(Set(objects.entries.values.filter { $0.isLink && $0.size <= limit }.map(\.id))).sorted()
        var targets: [String: String] = [:]
        for (id, bytes) in zip(linkIDs, try batch.contents(of: linkIDs)) {
            targets[id] = String(decoding: bytes ?? [], as: UTF8.self)
        }
        var walk = GitTreeWalk(listing: objects, linkTargets: targets)
        walk.walkTree()

        let wanted = Array(Set(walk.files.filter { $0.entry.size <= limit }.map(\.entry.id))).sorted()
        var contents: [String: [UInt8]] = [:]
        contents.reserveCapacity(wanted.count)
        for (id, bytes) in zip(wanted, try batch.contents(of: wanted)) {
            if let bytes { contents[id] = bytes }
        }
        let files = walk.files.sorted { $0.path < $1.path }
        let blobs = contents
        return reader.assemble(root: name, files, path: \.path, walkDiagnostics: walk.diagnostics) { file in
            if file.entry.size > limit { return .failure(.oversized(file.entry.size, limit: limit)) }
            guard let bytes = blobs[file.entry.id] else {
                return .failure(FileBytes.Problem(message: "Git has no object \(file.entry.id) for this file", unsafe: false))
            }
            return .success(bytes)
        }
    }
}

/// A tree object's raw entries: `<mode> SP <name> NUL <hash>`, one after another.
enum GitTreeObject {
    /// The first name that cannot be one entry of a folder (empty, `.`, `..`, or holding
    /// `/`), or an unreadable object's description; nil when all are names.
    static func invalidName(in bytes: [UInt8], hashLength: Int) -> String? {
        var i = 0
        while i < bytes.count {
            guard let space = bytes[i...].firstIndex(of: 0x20), let nul = bytes[space...].firstIndex(of: 0) else {
                return "(unreadable entry)"
            }
            let name = bytes[(space + 1)..<nul]
            if name.isEmpty || name.contains(UInt8(ascii: "/")) || name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) {
                return String(decoding: name, as: UTF8.self)
            }
            i = nul + 1 + hashLength
        }
        return i == bytes.count ? nil : "(unreadable entry)"
    }
}

/// One entry of `git ls-tree -r -t -l -z`.
struct GitEntry: Sendable {
    var mode: String
    var id: String
    var size: Int

    var isTree: Bool { mode == "040000" }
    var isLink: Bool { mode == "120000" }
    var isRegular: Bool { mode == "100644" || mode == "100755" }
}

/// The listing of a tree: every entry by path, and the names in each folder.
struct GitListing: Sendable {
    var entries: [String: GitEntry] = [:]
    var children: [String: [String]] = [:]

    /// Parses `<mode> SP <type> SP <object> SP+ <size> TAB <path> NUL` records.
    init(_ output: [UInt8]) {
        var start = 0
        for (i, byte) in output.enumerated() where byte == 0 {
            defer { start = i + 1 }
            guard let tab = output[start..<i].firstIndex(of: 0x09) else { continue }
            let fields = String(decoding: output[start..<tab], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 4 else { continue }
            let path = String(decoding: output[(tab + 1)..<i], as: UTF8.self)
            entries[path] = GitEntry(mode: String(fields[0]), id: String(fields[2]), size: Int(fields[3]) ?? 0)
            let slash = path.lastIndex(of: "/")
            let parent = slash.map { String(path[..<$0]) } ?? ""
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            children[parent, default: []].append(name)
        }
    }
}

/// Walks a Git tree the way `TreeWalk` walks a folder: sorted names, hidden entries
/// skipped, links followed only while they stay inside the tree, no folder twice.
struct GitTreeWalk {
    struct File: Sendable {
        var path: String
        var entry: GitEntry
    }

    enum Resolution {
        case inside(String)
        case outside(String)
        case nowhere
    }

    let listing: GitListing
    let linkTargets: [String: String]
    var files: [File] = []
    var diagnostics: [Diagnostic] = []
    var visited: [String: String] = [:]
    /// Links to folders inside the tree, walked once the real folders are: (path, target).
    var folderLinks: [(path: String, target: String)] = []

    init(listing: GitListing, linkTargets: [String: String]) {
        self.listing = listing
        self.linkTargets = linkTargets
    }

    /// Walks the whole tree, links to folders last (as `TreeWalk.walkTree` does).
    mutating func walkTree() {
        walk(directory: "", relative: "")
        var next = 0
        while next < folderLinks.count {
            let (path, target) = folderLinks[next]
            next += 1
            walk(directory: target, relative: path)
        }
    }

    mutating func walk(directory: String, relative: String) {
        if let first = visited[directory] {
            diagnostics.append(TreeWalk.folderAlias(relative, of: first))
            return
        }
        visited[directory] = relative
        for name in (listing.children[directory] ?? []).sorted() where !name.hasPrefix(".") {
            let real = directory.isEmpty ? name : directory + "/" + name
            let path = relative.isEmpty ? name : relative + "/" + name
            guard var entry = listing.entries[real] else { continue }
            var target = real
            if entry.isLink {
                switch resolve(real) {
                case .outside(let destination):
                    diagnostics.append(Diagnostic(.unsafeYAML, "the link \(path) leads out of the tree (to \(destination)); links must stay inside the tree", at: .start(of: path)))
                    continue
                case .nowhere:
                    if TreeWalk.isYAML(name) {
                        diagnostics.append(Diagnostic(.unsafeYAML, "the link \(path) leads nowhere", at: .start(of: path)))
                    }
                    continue
                case .inside(let resolved):
                    if resolved.isEmpty || listing.entries[resolved]!.isTree {
                        folderLinks.append((path, resolved))
                        continue
                    }
                    target = resolved
                    entry = listing.entries[resolved]!
                }
            }
            if entry.isTree {
                if TreeWalk.isYAML(name) { diagnostics.append(TreeWalk.folderNamedLikeYAML(path)) }
                walk(directory: target, relative: path)
            } else if TreeWalk.isYAML(name) {
                if entry.isRegular {
                    files.append(File(path: path, entry: entry))
                } else {
                    diagnostics.append(Diagnostic(.unsafeYAML, "\(path) is not a regular file", at: .start(of: path)))
                }
            }
        }
    }

    /// Follows a link (and links on its way) inside the tree. Going above the tree's
    /// folder counts as leaving it, as does an absolute target.
    func resolve(_ link: String) -> Resolution {
        var current = link.split(separator: "/").dropLast().map(String.init)
        guard let first = listing.entries[link].flatMap({ linkTargets[$0.id] }) else { return .nowhere }
        if first.hasPrefix("/") { return .outside(first) }
        var pending = Array(first.split(separator: "/", omittingEmptySubsequences: true).reversed())
        var hops = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                guard !current.isEmpty else { return .outside(first) }
                current.removeLast()
                continue
            }
            let candidate = (current + [String(component)]).joined(separator: "/")
            guard let entry = listing.entries[candidate] else { return .nowhere }
            if entry.isLink {
                hops += 1
                guard hops <= 40, let target = linkTargets[entry.id] else { return .nowhere }
                if target.hasPrefix("/") { return .outside(target) }
                pending += target.split(separator: "/", omittingEmptySubsequences: true).reversed()
                continue
            }
            if !pending.isEmpty && !entry.isTree { return .nowhere }
            current.append(String(component))
        }
        return .inside(current.joined(separator: "/"))
    }
}

/// Runs `git` with arguments (never through a shell).
struct Git: Sendable {
    var directory: String?

    struct Output {
        var status: Int32
        var output: [UInt8]
        var error: String

        /// The first line of standard output.
        var line: String? {
            String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init)
        }

        var errorLine: String {
            error.split(separator: "\n").first.map(String.init) ?? "git exited with status \(status)"
        }
    }

    func process(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        return process
    }

    static func launch(_ process: Process) throws(TreeReadError) {
        do {
            try process.run()
        } catch {
            throw TreeReadError("cannot run git: \(error.localizedDescription)")
        }
    }

    func run(_ arguments: [String]) throws(TreeReadError) -> Output {
        let process = process(arguments)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try Self.launch(process)
        let errors = Collected()
        let group = DispatchGroup()
        let errorHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) {
            errors.data = errorHandle.readDataToEndOfFile()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw TreeReadError("git is not installed (or not on PATH); reading REV:PATH needs it")
        }
        return Output(status: process.terminationStatus, output: [UInt8](data),
                      error: String(decoding: errors.data, as: UTF8.self))
    }
}

private final class Collected: @unchecked Sendable {
    var data = Data()
}

/// One `git cat-file --batch` process: object ids in, contents out, in order.
final class CatFileBatch {
    private let process: Process
    private let input: FileHandle
    private let output: Int32
    private var buffer: [UInt8] = []
    private var position = 0

    init(git: Git) throws(TreeReadError) {
        process = git.process(["cat-file", "--batch"])
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try Git.launch(process)
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading.fileDescriptor
        buffer.reserveCapacity(1 << 16)
        // A git that exits early must not kill this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// The contents of each object (nil when Git does not have it). Requests are written
    /// on another thread while answers are read here, so neither pipe can fill up and stall.
    func contents(of ids: [String]) throws(TreeReadError) -> [[UInt8]?] {
        guard !ids.isEmpty else { return [] }
        let request = Array(ids.map { $0 + "\n" }.joined().utf8)
        let fd = input.fileDescriptor
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            request.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return }
                    done += n
                }
            }
        }
        defer { group.wait() }
        var result: [[UInt8]?] = []
        result.reserveCapacity(ids.count)
        for id in ids {
            guard let header = try line() else { throw TreeReadError("git cat-file stopped early (at \(id))") }
            let fields = header.split(separator: " ")
            if fields.count == 2, fields[1] == "missing" {
                result.append(nil)
                continue
            }
            guard fields.count == 3, let size = Int(fields[2]) else { throw TreeReadError("git cat-file answered '\(header)'") }
            let bytes = try take(size)
            _ = try take(1)
            result.append(bytes)
        }
        return result
    }

    func close() {
        try? input.close()
        process.waitUntilExit()
    }

    private func fill() throws(TreeReadError) -> Bool {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(output, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw TreeReadError("cannot read from git cat-file: \(String(cString: strerror(errno)))") }
            if n == 0 { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
    }

    private func line() throws(TreeReadError) -> String? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let text = String(decoding: buffer[position..<newline], as: UTF8.self)
                position = newline + 1
                return text
            }
            guard try fill() else { return nil }
        }
    }

    private func take(_ count: Int) throws(TreeReadError) -> [UInt8] {
        while buffer.count - position < count {
            guard try fill() else { throw TreeReadError("git cat-file stopped early") }
        }
        let bytes = Array(buffer[position..<(position + count)])
        position += count
        return bytes
    }
}
