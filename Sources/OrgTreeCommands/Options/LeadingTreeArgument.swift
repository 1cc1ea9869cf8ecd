import ArgumentParser
import OrgTreeKit

/// Positionals of the form `[TREE] OPERAND…` (explain, who-can): the tree folder may be
/// left out, and then is the current folder.
struct LeadingTreeArgument {
    var tree: String
    var operands: [String]

    /// `names` are the operands' names, for the usage error.
    init(_ arguments: [String], operands names: [String]) throws {
        guard arguments.count == names.count || arguments.count == names.count + 1 else {
            throw ValidationError("expected [TREE] " + names.joined(separator: " "))
        }
        // `explain sample-org kai`: a folder first and one operand short is a missing
        // operand, not a tree in the current folder.
        if arguments.count == names.count, let first = arguments.first, TreeSource.isFolder(first) {
            throw ValidationError("missing \(names.last!): after the tree \(first) write " + names.joined(separator: " "))
        }
        tree = arguments.count > names.count ? arguments[0] : "."
        operands = Array(arguments.suffix(names.count))
    }
}
