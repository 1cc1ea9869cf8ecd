import ArgumentParser

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
        tree = arguments.count > names.count ? arguments[0] : "."
        operands = Array(arguments.suffix(names.count))
    }
}
