import Foundation
import OrgTreeCore
import OrgTreeKit
import Testing

/// `orgtree init`: a new repository whose tree validates at once, examples that grant
/// nothing, the CI, pre-commit and editor files, and no writing into a folder in use.
@Suite("init")
struct InitTests {
    static let arguments = ["--org", "acme", "--owner", "ann", "--email", "ann.berger@acme.example"]

    static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func writesATreeThatValidatesWithoutFindings() throws {
        let folder = TemporaryFolder()
        let dir = folder.path + "/acme-access"
        let result = try runOrgtree(["init", dir] + Self.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("to \(dir): organization acme, owned by ann"))
        let validate = try runOrgtree(["validate", dir])
        #expect(validate.status == 0, "\(validate.stdout)")
        let checked = try CheckedTree.read(folder: dir, at: Self.today())
        #expect(checked.result.diagnostics.isEmpty, "\(checked.result.diagnostics.map(\.description))")
        // Nothing granted but the owner's: one person, no project, token or agency.
        let tree = checked.result.tree
        #expect(tree.people.count == 1 && tree.projects.isEmpty && tree.partners.isEmpty)
        #expect(tree.teams.count == 1 && tree.assertions.count == 1)
        let person = try Self.read(dir + "/people/ann.yaml")
        #expect(person.contains("firstName: Ann\nlastName: Berger\nemail: ann.berger@acme.example\n"))
    }

    /// Renamed to .yaml, the project, tokens and agency examples validate as they stand.
    @Test func examplesValidateOnceRenamed() throws {
        let folder = TemporaryFolder()
        #expect(try runOrgtree(["init", folder.path] + Self.arguments).status == 0)
        var renamed = 0
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! where path.hasSuffix(".yaml.example") {
            try FileManager.default.moveItem(atPath: folder.path + "/" + path,
                                             toPath: folder.path + "/" + String(path.dropLast(".example".count)))
            renamed += 1
        }
        #expect(renamed == 4)
        let checked = try CheckedTree.read(folder: folder.path, at: Self.today())
        #expect(checked.result.diagnostics.isEmpty, "\(checked.result.diagnostics.map(\.description))")
        #expect(checked.result.tree.projects.count == 1 && checked.result.tree.partners.count == 1)
        // The editors' schemas accept every file too (an independent validator).
        let (status, text) = try SchemaTests.check(["--valid", folder.path])
        #expect(status == 0 && text.contains(" 0 failed") && text.contains("projects/example/tokens.yaml  (tokens)"), "\(text)")
    }

    @Test func writesTheCIPreCommitAndEditorFiles() throws {
        let folder = TemporaryFolder()
        #expect(try runOrgtree(["init", folder.path] + Self.arguments).status == 0)
        // The shipped workflow, its example reviewers commented out.
        let workflow = try Self.read(folder.path + "/.github/workflows/orgtree.yml")
        let shipped = try Self.read(Repo.path("examples/ci/access-review.yml"))
        #expect(workflow.contains("      - uses: your-org/orgtree@v") && !workflow.contains("lumenlabs"))
        #expect(workflow.contains("          # reviewer-emails: |  ") && workflow.contains("          #   github-login person@example.com\n"))
        let uncommented = { (text: String) in text.split(separator: "\n").filter { !$0.contains("reviewer-emails") && !$0.contains("@") } }
        #expect(uncommented(workflow) == uncommented(shipped))
        #expect(try Self.read(folder.path + "/.pre-commit-config.yaml").contains("- id: orgtree-validate\n"))
        let settings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/.vscode/settings.json")))
        let mapping = try #require((settings as? [String: Any])?["yaml.schemas"] as? [String: [String]])
        let schemas = try FileManager.default.contentsOfDirectory(atPath: Repo.path("schemas")).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(mapping.keys) == Set(schemas.map { ".orgtree/schemas/" + $0 }))
        for schema in schemas {
            #expect(try Self.read(folder.path + "/.orgtree/schemas/" + schema) == Self.read(Repo.path("schemas/" + schema)))
        }
        #expect(mapping[".orgtree/schemas/person.schema.json"] == ["/people/*.yaml", "/partners/*/people/*.yaml"])
    }

    @Test func refusesAFolderInUseUnlessForced() throws {
        let folder = TemporaryFolder()
        folder.write("notes.txt", "mine\n")
        let refused = try runOrgtree(["init", folder.path] + Self.arguments)
        #expect(refused.status == 2)
        #expect(refused.stderr == "orgtree: error: \(folder.path) is not empty; init writes into a new or empty folder; --force adds the files it lacks\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/organization.yaml"))
        let forced = try runOrgtree(["init", folder.path, "--force"] + Self.arguments)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Self.read(folder.path + "/notes.txt") == "mine\n")
        #expect(try runOrgtree(["validate", folder.path]).status == 0)
    }

    /// --force never replaces a file, and beside an existing tree writes only the
    /// repository's files: the tree stays as it is.
    @Test func forceBesideATreeLeavesItAsItIs() throws {
        let folder = TemporaryFolder()
        folder.writeTree()
        let before = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        let forced = try runOrgtree(["init", folder.path, "--force"] + Self.arguments)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("wrote 10 files to \(folder.path) beside its tree, which stays as it is\nnext: "))
        let added = Set(try FileManager.default.subpathsOfDirectory(atPath: folder.path)).subtracting(before)
        #expect(added.allSatisfy { $0.hasPrefix(".") }, "\(added.sorted())")
        #expect(added.contains(".vscode/settings.json") && added.contains(".github/workflows/orgtree.yml"))
        folder.write(".pre-commit-config.yaml", "repos: []\n")
        let again = try runOrgtree(["init", folder.path, "--force"] + Self.arguments)
        #expect(again.stdout.contains("\nkept 10 files already there: .github/workflows/orgtree.yml, "))
        #expect(try Self.read(folder.path + "/.pre-commit-config.yaml") == "repos: []\n")
    }

    /// A folder holding only a new Git repository is empty enough.
    @Test func writesNextToANewGitRepository() throws {
        let folder = TemporaryFolder()
        folder.write(".git/HEAD", "ref: refs/heads/main\n")
        let result = try runOrgtree(["init", folder.path] + Self.arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runOrgtree(["validate", folder.path]).status == 0)
    }

    @Test func refusesWhatWouldNotValidate() throws {
        let folder = TemporaryFolder()
        let dir = folder.path + "/new"
        let unnamed = try runOrgtree(["init", dir, "--org", "acme", "--owner", "ann", "--email", "ann@acme.example"])
        #expect(unnamed.status == 2)
        #expect(unnamed.stderr.contains("add --owner-name \"First Last\""))
        let badID = try runOrgtree(["init", dir, "--org", "Acme", "--owner", "ann", "--email", "ann@acme.example", "--owner-name", "Ann Berger"])
        #expect(badID.status == 2)
        #expect(badID.stderr.contains("--org 'Acme' is not an id"))
        #expect(!FileManager.default.fileExists(atPath: dir))
        let named = try runOrgtree(["init", dir, "--org", "acme", "--name", "Acme: Berlin", "--owner", "ann",
                                    "--email", "ann@acme.example", "--owner-name", "Ann Zoë Berger"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try runOrgtree(["validate", dir]).status == 0)
        #expect(try Self.read(dir + "/organization.yaml").contains("name: \"Acme: Berlin\"\n"))
    }

    @Test("the folder writer follows no link and writes no path leaving the folder")
    func folderWriterStaysInside() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/out", elsewhere = folder.path + "/elsewhere"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/people", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: out + "/organization.yaml", withDestinationPath: elsewhere + "/org.yaml")
        for path in ["people/ann.yaml", "organization.yaml", "teams/../../escaped.yaml", "/tmp/absolute.yaml"] {
            #expect(throws: FolderWriter.Failure.self, "\(path)") { try FolderWriter.write([(path: path, text: "x")], into: out) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == [])
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/escaped.yaml"))
        #expect(try FolderWriter.write([(path: "teams/a/b.yaml", text: "x\n")], into: out) == 1)
        #expect(try Self.read(out + "/teams/a/b.yaml") == "x\n")
    }
}
