import ArgumentParser
import OrgTreeKit

/// Shell completion from the tree a command line names (`explain`, `who-can`, `graph`): subjects,
/// permissions, project ids, environments (`TreeCompletion`).
enum TreeCompletions {
    /// The options of explain and who-can that take a value (their value is no positional).
    static let valued: Set<String> = ["--on", "--env", "--at", "--format", "--color", "--subject", "--project"]

    /// `[TREE] OPERAND…` of `command`.
    static func operands(of command: String, _ operands: [TreeCompletion.Operand]) -> CompletionKind {
        .custom { words, index, prefix in
            let request = TreeCompletion.request(words, index: index, command: command, operands: operands, valued: valued)
            return TreeCompletion.complete(request, prefix: prefix)
        }
    }

    /// The project ids of the tree `command`'s command line names.
    static func projects(of command: String) -> CompletionKind {
        names(of: command, TreeCompletion.projects(in:))
    }

    /// The subjects of the tree `command`'s command line names.
    static func subjects(of command: String) -> CompletionKind {
        names(of: command, TreeCompletion.subjects(in:))
    }

    private static func names(of command: String, _ list: @escaping @Sendable (String) -> [String]) -> CompletionKind {
        .custom { words, index, prefix in
            let tree = TreeCompletion.request(words, index: index, command: command, valued: valued).tree
            return list(tree).filter { $0.hasPrefix(prefix) }
        }
    }

    static let environments = CompletionKind.list(TreeCompletion.environments)
}
