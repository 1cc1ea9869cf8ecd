import OrgTreeCore
import OrgTreeKit
import OrgTreeState

/// Trouble that is not a finding: a missing folder, an unreadable file, a bad date, a
/// name the tree lacks (exit 2, `orgtree: error: MESSAGE` on standard error).
protocol CommandTrouble: Error, CustomStringConvertible {}

/// Trouble the command itself finds (an argument that does not fit).
struct CommandFailure: CommandTrouble {
    var message: String
    var description: String { message }
}

extension TreeReadError: CommandTrouble {}
extension LookupError: CommandTrouble {}
extension FolderWriter.Failure: CommandTrouble {}
extension SnapshotTree.InvalidPathID: CommandTrouble {}
extension StoreError: CommandTrouble {}
