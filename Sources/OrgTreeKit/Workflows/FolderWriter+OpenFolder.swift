#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FolderWriter {
    /// A folder under the writer's root, by its path relative to the root (`""`: the root
    /// itself), and the descriptor it is open with. Opened one name at a time, never
    /// through a link.
    struct OpenFolder {
        let path: String
        let descriptor: Int32
        private let root: Int32

        /// The root itself (whose opener closes it).
        init(root: Int32) {
            path = ""
            descriptor = root
            self.root = root
        }

        /// Opens `path` (names already checked: none empty, `.` or `..`) under `root`, making
        /// each missing folder when `create`. A failure names `file` of `folder`, for which
        /// the folder was opened, and leaves `errno` telling why.
        init(_ path: String, under root: Int32, create: Bool, for file: String, in folder: String) throws(Failure) {
            var directory = root
            for name in path.split(separator: "/") {
                let name = String(name)
                if create && mkdirat(directory, name, 0o755) != 0 && errno != EEXIST {
                    throw OpenFolder.failure(file, in: folder, closing: directory, unless: root)
                }
                let next = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard next >= 0 else { throw OpenFolder.failure(file, in: folder, closing: directory, unless: root) }
                FolderWriter.closeFolder(directory, unless: root)
                directory = next
            }
            self.path = path
            descriptor = directory
            self.root = root
        }

        /// Closes the descriptor, unless it is the root's.
        func close() {
            FolderWriter.closeFolder(descriptor, unless: root)
        }

        /// The failure to write `file` for the reason `errno` gives, once `directory` is
        /// closed (unless it is `root`); `errno` is left as it was.
        private static func failure(_ file: String, in folder: String, closing directory: Int32, unless root: Int32) -> Failure {
            let failure = FolderWriter.cannot("write", file, in: folder)
            let saved = errno
            FolderWriter.closeFolder(directory, unless: root)
            errno = saved
            return failure
        }
    }

    /// Closes `descriptor`, unless it is `root`'s.
    static func closeFolder(_ descriptor: Int32, unless root: Int32) {
        if descriptor != root { close(descriptor) }
    }
}
