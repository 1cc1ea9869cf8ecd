import Foundation

/// What a file or folder is, whatever its name: its device and inode numbers. A name can
/// be pointed at another file between two looks (a rename, a link put in its place); an
/// identity cannot, so reading compares the identity of what it opened with the one the
/// walk saw.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}
