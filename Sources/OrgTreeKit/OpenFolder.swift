import Foundation

/// A folder held by its descriptor, with the identity it has. The tree is walked and read
/// through such descriptors (`openat`, `fstatat`, never following a link) so that what is
/// checked is what is opened. The owner closes it (`close()`) as soon as it is done: a
/// walk holds one at a time, and a read one per file being read.
struct OpenFolder {
    /// Why a folder could not be opened: a system error (errno), or the folder is no
    /// longer the one expected (moved, replaced, turned into a link).
    enum Failure: Error, Equatable {
        case system(Int32)
        case changed
    }

    static let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC

    let descriptor: Int32
    let identity: FileIdentity

    /// Opens the folder at `path`, a real path (no link in it when the walk resolved it),
    /// without following a link in its last component. When `expected` is given, any
    /// other folder found there is `changed`.
    static func open(_ path: String, expected: FileIdentity?) -> Result<OpenFolder, Failure> {
        checked(Foundation.open(path, flags), expected: expected)
    }

    /// Opens the folder `name` inside this one, without following a link.
    func open(_ name: String, expected: FileIdentity?) -> Result<OpenFolder, Failure> {
        Self.checked(openat(descriptor, name, Self.flags), expected: expected)
    }

    /// Opens the folder `components` below this one, one name at a time, none of them
    /// followed if it is a link: whatever is reached lies inside this folder. The names
    /// come from a real path, so a link, a missing name or a file on the way means the
    /// tree changed. This folder stays open; the folders opened on the way are closed.
    func open(components: ArraySlice<String>) -> Result<OpenFolder, Failure> {
        var reached = Self.checked(dup(descriptor), expected: identity)
        for name in components {
            guard case .success(let folder) = reached else { break }
            reached = folder.open(name, expected: nil)
            folder.close()
        }
        if case .failure(.system(let error)) = reached, [ELOOP, ENOTDIR, ENOENT].contains(error) {
            return .failure(.changed)
        }
        return reached
    }

    /// What `name` in this folder is, not following it if it is a link.
    func status(of name: String) -> Result<stat, Failure> {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .failure(.system(errno)) }
        return .success(info)
    }

    func close() {
        _ = Foundation.close(descriptor)
    }

    /// A link met where there was none (ELOOP, from O_NOFOLLOW), or a name that is gone or
    /// is no longer a folder, means the tree changed under the walk.
    private static func checked(_ descriptor: Int32, expected: FileIdentity?) -> Result<OpenFolder, Failure> {
        guard descriptor >= 0 else {
            let error = errno
            return .failure([ELOOP, ENOTDIR, ENOENT].contains(error) && expected != nil ? .changed : .system(error))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = errno
            _ = Foundation.close(descriptor)
            return .failure(.system(error))
        }
        let folder = OpenFolder(descriptor: descriptor, identity: FileIdentity(info))
        if let expected, folder.identity != expected {
            folder.close()
            return .failure(.changed)
        }
        return .success(folder)
    }
}
