import OrgTreeCore
import OrgTreeKit

extension CheckedTree {
    /// The tree for the reporting commands (effective, explain, who-can): trouble reading
    /// it is exit 2; a tree with errors is still reported on, with a warning on standard
    /// error, since people ask "who can" most when something is wrong. Only the rules that
    /// report errors run: warnings change no answer, and the errors counted are the same.
    static func forQuestions(_ folder: String, at day: Day, console: Console) throws -> CheckedTree {
        let checked = try CheckedTree.read(folder: folder, at: day, validator: .errorRulesOnly())
        console.keepUntilExit(checked)
        if !checked.isValid {
            let n = checked.result.errorCount
            console.error("orgtree: warning: \(folder) has \(counted(n, "validation error")) (see `orgtree validate`); access shown as the tree stands\n")
        }
        return checked
    }
}
