import ArgumentParser
import OrgTreeCore
import OrgTreeKit

struct Init: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a repository for a new tree: the organization, its owner, examples, CI and editor files.",
        discussion: """
            Writes organization.yaml and the owner's people/ file, a commented example of \
            every other file kind that grants nothing (teams/ and assertions/ as files, the \
            project, its tokens and an agency as .example files orgtree does not read: rename \
            them to .yaml to use them), the GitHub workflow .github/workflows/orgtree.yml \
            (validate, and diff on pull requests), .pre-commit-config.yaml (the \
            orgtree-validate hook), the JSON Schemas in .orgtree/schemas/ and \
            .vscode/settings.json mapping them for the YAML language server. `orgtree \
            validate DIR` passes right after.

            DIR may hold a new Git repository (.git) and nothing else; --force writes into a \
            folder that holds more the files it lacks, never replacing one, and beside a tree \
            that is there already only the CI, pre-commit and editor files and the schemas, \
            leaving the tree as it is.

            The owner's first and last name are read from --email (ann.berger@…) or --owner \
            (ann-berger) when either has two parts; else --owner-name gives them.

            Examples:
              orgtree init org --org acme --owner ann --email ann.berger@acme.example
              orgtree init --org acme --owner ann --email ann@acme.io --owner-name "Ann Li"

            Exit codes: 0 written, 2 usage or I/O trouble (a folder that is not empty).
            """
    )

    @Argument(help: "The folder to write: absent, empty or holding only .git, unless --force.")
    var dir: String = "."

    @Option(help: ArgumentHelp("The organization's id.", valueName: "id"))
    var org: String

    @Option(help: ArgumentHelp("The organization's name (default: its id).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The id of the organization's first owner.", valueName: "person"))
    var owner: String

    @Option(help: ArgumentHelp("The owner's e-mail address.", valueName: "address"))
    var email: String

    @Option(help: ArgumentHelp("The owner's first and last name, when --email and --owner do not tell them.", valueName: "name"))
    var ownerName: String?

    @Flag(help: "Write into a folder that is not empty the files it lacks, replacing none.")
    var force = false

    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let (first, last) = try ownerNames()
        let scaffold = TreeScaffold(organization: org, organizationName: name, owner: owner, ownerEmail: email,
                                    ownerFirstName: first, ownerLastName: last, today: try DayOption.parse(nil, option: "--at"))
        if let problem = scaffold.problems().first { throw CommandFailure(message: problem) }
        let result = try scaffold.write(into: dir, force: force)
        let what = result.besideTree ? " beside its tree, which stays as it is" : ": organization \(org), owned by \(owner)"
        console.line("wrote \(counted(result.written.count, "file")) to \(dir)\(what)")
        if !result.kept.isEmpty {
            console.line("kept \(counted(result.kept.count, "file")) already there: \(result.kept.joined(separator: ", "))")
        }
        console.line("next: orgtree validate \(dir); set the orgtree release in .github/workflows/orgtree.yml and .pre-commit-config.yaml")
    }

    private func ownerNames() throws -> (String, String) {
        if let ownerName {
            let parts = ownerName.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CommandFailure(message: "--owner-name takes a first and a last name, \"First Last\"") }
            return (parts[0], parts[1])
        }
        guard let names = TreeScaffold.names(owner: owner, email: email) else {
            throw CommandFailure(message: "cannot tell \(owner)'s first and last name from \(email): add --owner-name \"First Last\"")
        }
        return names
    }
}
