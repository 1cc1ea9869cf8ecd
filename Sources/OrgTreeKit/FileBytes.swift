import Foundation

/// Reads a whole file, refusing files over the size limit before reading them.
enum FileBytes {
    struct Problem: Error {
        var message: String
        var unsafe: Bool

        static let changed = Problem(message: TreeWalk.changedMessage("file"), unsafe: true)

        static func cannotOpen(_ error: Int32) -> Problem {
            Problem(message: "cannot open the file: \(String(cString: strerror(error)))", unsafe: false)
        }

        static func oversized(_ size: Int, limit: Int) -> Problem {
            Problem(message: "file is \(size) bytes, over the limit of \(limit) bytes", unsafe: true)
        }
    }

    /// Reads files the walk found in one folder, through one descriptor of it, each only if
    /// it is still the file the walk saw: opened by name in the folder's descriptor without
    /// following a link, and both the folder and the file having the identity the walk
    /// saw. Anything else (a file swapped for a link, renamed over, or its folder moved)
    /// is refused unread. The folder's descriptor is held for the run, a file's only while
    /// it is read.
    static func read(_ run: ArraySlice<TreeWalk.Entry>, limit: Int) -> [Result<[UInt8], Problem>] {
        guard let first = run.first else { return [] }
        switch OpenFolder.open(first.folder, expected: first.folderIdentity) {
        case .success(let folder):
            defer { folder.close() }
            return run.map { read($0.name, in: folder, at: first.folder, expected: $0.identity, limit: limit) }
        case .failure(.changed):
            return run.map { _ in .failure(.changed) }
        case .failure(.system(let error)):
            return run.map { _ in .failure(.cannotOpen(error)) }
        }
    }

    static func read(_ name: String, in folder: OpenFolder, at path: String, expected: FileIdentity, limit: Int) -> Result<[UInt8], Problem> {
        let fd = openat(folder.descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let error = errno
            return .failure([ELOOP, ENOENT].contains(error) ? .changed : .cannotOpen(error))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.changed) }
        guard FileIdentity(info) == expected || isMounted(info, in: folder, at: path + "/" + name) else { return .failure(.changed) }
        return read(fd, info, limit: limit)
    }

    /// Whether the file opened at `path` was mounted there (a bind mount of one file), so
    /// that the folder's listing shows the name's own inode and the opened file is the
    /// mounted one. A file of another device than its folder's can only have been mounted
    /// (no rename or link puts it under the folder's name); one of the same device is
    /// looked up among the mount points.
    static func isMounted(_ info: stat, in folder: OpenFolder, at path: String) -> Bool {
        UInt64(truncatingIfNeeded: info.st_dev) != folder.identity.device || MountPoints.current().contains(path)
    }

    /// Reads an open file whose status is `info`.
    static func read(_ fd: Int32, _ info: stat, limit: Int) -> Result<[UInt8], Problem> {
        guard info.st_mode & S_IFMT == S_IFREG else {
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
