import Foundation

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
