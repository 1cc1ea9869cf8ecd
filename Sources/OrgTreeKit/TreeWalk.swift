import Foundation
import OrgTreeCore

/// Walks the folder: collects YAML files, skips hidden entries, follows links only
/// while they stay inside the tree, and never visits a folder twice (link loops). Links
/// to folders are followed after every real folder is walked, so a link that aliases a
/// folder of the tree is reported and the folder is read under its own name. Nothing
/// that looks like part of the tree is skipped without a diagnostic: names that are not
/// UTF-8, folders named like YAML files, links to folders already read.
///
/// The walk goes through folder descriptors and records the identity (device, inode) of
/// every folder and file it keeps; reading opens each file by name in its folder's
/// descriptor and reads it only if both are still what the walk saw (`FileBytes`). One
/// folder descriptor is open at a time: a folder is listed and closed before its
/// subfolders are walked, and a subfolder is opened again by its real path, without
/// following a link, and compared with the identity its listing showed.
///
/// A regular file's identity is the folder's device and the inode number its listing
/// gives (`readdir`'s `d_type` and `d_ino`), without a system call of its own, once one
/// file of the folder has shown, by `fstatat`, that the listing's numbers are the files'
/// (they are not on every file system: some overlay set-ups number them otherwise); where
/// they are not, or the listing does not say what an entry is, each entry is examined by
/// `fstatat`.
///
/// A link inside the tree is resolved (`realpath`) to say where it leads, and then its
/// target is opened one name at a time from the root's descriptor, following no link
/// (`OpenFolder.open(components:)`): so what is kept is what lies inside the tree, even
/// if a folder on the way is swapped for a link meanwhile. (Checking an opened
/// descriptor's path in /proc/self/fd would do too, but needs /proc and works on Linux
/// only.)
struct TreeWalk {
    /// A YAML file the walk found: its path in the tree, and where it is — a name in a
    /// folder (the target's, for a link), with the identities the walk saw.
    struct Entry: Sendable {
        var path: String
        var folder: String
        var folderIdentity: FileIdentity
        var name: String
        var identity: FileIdentity
    }

    let realRoot: String
    var rootIdentity: FileIdentity?
    var files: [Entry] = []
    var diagnostics: [Diagnostic] = []
    var visited: [String: String] = [:]
    /// Links to folders inside the tree, walked once the real folders are: (path, target).
    var folderLinks: [(path: String, target: String, identity: FileIdentity)] = []

    init(realRoot: String) {
        self.realRoot = realRoot
    }

    /// Walks the whole tree from its real root.
    mutating func walkTree() throws(TreeReadError) {
        try walk(directory: realRoot, relative: "", expected: nil)
        var next = 0
        while next < folderLinks.count {
            let (path, target, identity) = folderLinks[next]
            next += 1
            try walk(directory: target, relative: path, expected: identity)
        }
    }

    /// One name of a listed folder and what it is (or the errno of looking).
    typealias Listed = (name: String, status: Result<stat, OpenFolder.Failure>)

    mutating func walk(directory: String, relative: String, expected: FileIdentity?) throws(TreeReadError) {
        if let first = visited[directory] {
            diagnostics.append(Self.folderAlias(relative, of: first))
            return
        }
        visited[directory] = relative
        let folder: OpenFolder
        switch OpenFolder.open(directory, expected: expected) {
        case .success(let opened):
            folder = opened
        case .failure(.changed):
            diagnostics.append(Self.changed(relative, what: "folder"))
            return
        case .failure(.system(let error)):
            if relative.isEmpty { throw TreeReadError("cannot read the folder \(directory): \(String(cString: strerror(error)))") }
            diagnostics.append(Diagnostic(.unsafeYAML, "the folder cannot be read: \(String(cString: strerror(error)))", at: .start(of: relative)))
            return
        }
        if relative.isEmpty { rootIdentity = folder.identity }
        guard let listed = list(folder, relative: relative) else { return }

        // In name order; the entries (each with its `stat`) stay where they are.
        for index in listed.indices.sorted(by: { listed[$0].name < listed[$1].name }) {
            let (name, status) = listed[index]
            var absolute: String { directory + "/" + name }
            let path = relative.isEmpty ? name : relative + "/" + name
            var info: stat
            switch status {
            case .success(let found): info = found
            case .failure(let failure):
                let reason = if case .system(let error) = failure { String(cString: strerror(error)) } else { "it changed while being read" }
                diagnostics.append(Diagnostic(.unsafeYAML, "\(path) cannot be examined: \(reason)", at: .start(of: path)))
                continue
            }
            var kind = info.st_mode & S_IFMT
            var place = (folder: directory, identity: folder.identity, name: name)
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
                switch target(resolved) {
                case .success(let target):
                    (place, info) = target
                case .failure(.changed):
                    diagnostics.append(Self.changed(path, what: "link's target"))
                    continue
                case .failure(.system(let error)):
                    diagnostics.append(Diagnostic(.unsafeYAML, "the link \(path) cannot be followed: \(String(cString: strerror(error)))", at: .start(of: path)))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFDIR {
                    folderLinks.append((path, resolved, FileIdentity(info)))
                    continue
                }
                kind = info.st_mode & S_IFMT
            }
            if kind == S_IFDIR {
                if Self.isYAML(name) { diagnostics.append(Self.folderNamedLikeYAML(path)) }
                try walk(directory: absolute, relative: path, expected: FileIdentity(info))
            } else if Self.isYAML(name) {
                if kind == S_IFREG {
                    files.append(Entry(path: path, folder: place.folder, folderIdentity: place.identity, name: place.name, identity: FileIdentity(info)))
                } else {
                    diagnostics.append(Diagnostic(.unsafeYAML, "\(path) is not a regular file", at: .start(of: path)))
                }
            }
        }
    }

    /// Lists an open folder and closes it: every name that is not hidden, with what it
    /// is. Names that are not UTF-8 are reported, not listed.
    mutating func list(_ folder: OpenFolder, relative: String) -> [Listed]? {
        guard let handle = fdopendir(folder.descriptor) else {
            let error = errno
            folder.close()
            diagnostics.append(Diagnostic(.unsafeYAML, "the folder cannot be read: \(String(cString: strerror(error)))", at: .start(of: relative.isEmpty ? "." : relative)))
            return nil
        }
        defer { closedir(handle) }
        var listed: [Listed] = []
        // Whether this listing's inode numbers are its files' (nil: no file examined yet).
        var listingNumbersFiles: Bool?
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if bytes.first == UInt8(ascii: ".") { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let path = (relative.isEmpty ? "" : relative + "/") + Self.escaped(bytes)
                diagnostics.append(Diagnostic(.unknownKey, "the name of \(path) is not valid UTF-8, so orgtree cannot read it; rename it with lowercase letters, digits and '-' (e.g. `mv` it in a shell)", at: .start(of: path)))
                continue
            }
            guard entry.pointee.d_type == UInt8(DT_REG), listingNumbersFiles != false else {
                listed.append((name, folder.status(of: name)))
                continue
            }
            let identity = FileIdentity(device: folder.identity.device, inode: UInt64(entry.pointee.d_ino))
            if listingNumbersFiles == true {
                listed.append((name, .success(Self.regularFile(identity))))
                continue
            }
            let status = folder.status(of: name)
            if case .success(let info) = status { listingNumbersFiles = FileIdentity(info) == identity }
            listed.append((name, status))
        }
        return listed
    }

    /// What the walk keeps of a regular file its folder's listing shows: the type and the
    /// identity (the only fields of a `stat` it reads).
    static func regularFile(_ identity: FileIdentity) -> stat {
        var info = stat()
        info.st_mode = S_IFREG
        info.st_dev = dev_t(identity.device)
        info.st_ino = ino_t(identity.inode)
        return info
    }

    /// What a link inside the tree leads to (`resolved`, its real path), reached from the
    /// root one name at a time without following a link: the folder that holds it, its
    /// name there, and what it is.
    func target(_ resolved: String) -> Result<((folder: String, identity: FileIdentity, name: String), stat), OpenFolder.Failure> {
        guard let rootIdentity else { return .failure(.changed) }
        let root: OpenFolder
        switch OpenFolder.open(realRoot, expected: rootIdentity) {
        case .success(let opened): root = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { root.close() }
        if resolved == realRoot {
            var info = stat()
            guard fstat(root.descriptor, &info) == 0 else { return .failure(.system(errno)) }
            return .success(((realRoot, rootIdentity, ""), info))
        }
        let components = resolved.dropFirst(realRoot.count + 1).split(separator: "/").map(String.init)
        let folder: OpenFolder
        switch root.open(components: components.dropLast()) {
        case .success(let opened): folder = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { folder.close() }
        let name = components.last ?? ""
        switch folder.status(of: name) {
        case .success(let info):
            // A link where the real path has none: the tree changed since `realpath`.
            if info.st_mode & S_IFMT == S_IFLNK { return .failure(.changed) }
            let path = components.count == 1 ? realRoot : realRoot + "/" + components.dropLast().joined(separator: "/")
            return .success(((path, folder.identity, name), info))
        case .failure(.system(let error)) where error == ENOENT:
            return .failure(.changed)
        case .failure(let failure):
            return .failure(failure)
        }
    }

    /// A file or folder that is not what the walk saw a moment before (replaced, moved,
    /// turned into a link): reported, not read.
    static func changed(_ path: String, what: String) -> Diagnostic {
        Diagnostic(.unsafeYAML, changedMessage(what), at: .start(of: path))
    }

    static func changedMessage(_ what: String) -> String {
        "the \(what) changed while the tree was being read (it was replaced, moved or turned into a link), so it was not read; run the command again"
    }

    /// Whether a name ends like a YAML file's, in any case (`.yaml`, `.yml`, `.YAML`):
    /// every such file is read or reported, none silently skipped.
    static func isYAML(_ name: String) -> Bool {
        endsLike(name, ".yaml") || endsLike(name, ".yml")
    }

    /// Whether `name` ends with `suffix` (lowercase ASCII) in any case, on bytes.
    private static func endsLike(_ name: String, _ suffix: StaticString) -> Bool {
        let tail = name.utf8.suffix(suffix.utf8CodeUnitCount)
        guard tail.count == suffix.utf8CodeUnitCount else { return false }
        return suffix.withUTF8Buffer { wanted in
            zip(tail, wanted).allSatisfy { byte, lower in byte == lower || (lower >= UInt8(ascii: "a") && byte | 0x20 == lower) }
        }
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
