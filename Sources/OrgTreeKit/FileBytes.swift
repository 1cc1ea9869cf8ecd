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

    /// Reads a file the walk found, if it is still the one the walk saw: opened by name in
    /// its folder's descriptor without following a link, and both the folder and the file
    /// having the identity the walk saw. Anything else (a file swapped for a link, renamed
    /// over, or its folder moved) is refused unread. The file's descriptor is held only
    /// while it is read.
    static func read(_ entry: TreeWalk.Entry, limit: Int) -> Result<[UInt8], Problem> {
        let folder: OpenFolder
        switch OpenFolder.open(entry.folder, expected: entry.folderIdentity) {
        case .success(let opened): folder = opened
        case .failure(.changed): return .failure(.changed)
        case .failure(.system(let error)): return .failure(.cannotOpen(error))
        }
        let fd = openat(folder.descriptor, entry.name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        let error = errno
        folder.close()
        guard fd >= 0 else {
            return .failure([ELOOP, ENOENT].contains(error) ? .changed : .cannotOpen(error))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, FileIdentity(info) == entry.identity else { return .failure(.changed) }
        return read(fd, info, limit: limit)
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
