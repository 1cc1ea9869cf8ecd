import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit

struct CodeOwnersCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "codeowners",
        abstract: "Write a GitHub CODEOWNERS file from the tree, with e-mail addresses.",
        discussion: """
            organization.yaml, people/, teams/ and assertions/ (and a new project or agency \
            folder) are owned by the org's owners and admins; projects/X/ by the owners of \
            project X; partners/A/ by the holders of partners.manage, and \
            partners/A/partner.yaml, where agency A's owner writes its activations, also by \
            that owner. Rules go from general to specific: GitHub applies the last match.

            --check FILE compares FILE's rules with the tree's (comments, blank lines and \
            spacing aside) and prints what differs.

            Examples:
              orgtree codeowners . > .github/CODEOWNERS
              orgtree codeowners org --prefix org > .github/CODEOWNERS
              orgtree codeowners . --check .github/CODEOWNERS   # in CI

            Exit codes: 0 written or current, 1 FILE stale or missing, 2 usage or I/O \
            trouble or a tree with errors.
            """
    )

    @OptionGroup var tree: TreeArgument

    @Option(help: ArgumentHelp("The tree's folder inside the repository, when it is not the repository's root.", valueName: "path"))
    var prefix: String?

    @Option(help: ArgumentHelp("Compare this CODEOWNERS file with the tree instead of writing one.", valueName: "file"))
    var check: String?

    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let today = try DayOption.parse(nil, option: "--at")
        let checked = try CheckedTree.read(folder: tree.tree, at: today)
        console.keepUntilExit(checked)
        let errors = checked.result.errors.filter { $0.rule != .assertionFailed }
        guard errors.isEmpty else {
            throw CommandFailure(message: "\(tree.tree) has \(counted(errors.count, "validation error")) (see `orgtree validate`); fix them before deriving code owners")
        }
        let owners = try CodeOwners(checked.result, prefix: prefix, at: today)
        let command = (["orgtree codeowners", tree.tree] + (prefix.map { ["--prefix", $0] } ?? [])).joined(separator: " ")
        guard let check else { return console.out(CodeOwnersRendering.render(owners, command: command)) }
        let existing = FileManager.default.contents(atPath: check).map { String(decoding: $0, as: UTF8.self) }
        let differences = owners.differences(from: existing ?? "")
        console.out(CodeOwnersRendering.check(differences, file: check, exists: existing != nil, command: command, palette: console.palette))
        if existing == nil || !differences.isEmpty { throw ExitCode(1) }
    }
}
