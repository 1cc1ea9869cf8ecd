import Foundation

/// New tokens' secrets, written once to a new file readable by its owner only.
public enum SecretsFile {
    public static func write(_ secrets: [(token: String, secret: String)], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            let code = errno
            let hint = switch code {
            case EEXIST: " (it must not exist yet)"
            case ENOENT: " (the folder \(URL(fileURLWithPath: path).deletingLastPathComponent().path) does not exist)"
            default: ""
            }
            throw StoreError("cannot create \(path) for the new tokens' secrets: \(String(cString: strerror(code)))\(hint)")
        }
        defer { close(fd) }
        var text = "# orgtree: secrets of new tokens. Shown once; store them in a secret manager and delete this file.\n"
        for (token, secret) in secrets { text += "\(token) \(secret)\n" }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw StoreError("cannot flush \(path): \(String(cString: strerror(errno)))") }
    }
}
