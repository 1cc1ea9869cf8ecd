import Foundation
import Testing
import OrgTreeCore
import OrgTreeKit

@Suite("Reading trees from disk")
struct TreeReaderTests {
    @Test func sampleOrgIsValid() throws {
        let loaded = try TreeReader().read(Repo.path("sample-org"))
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: Day("2026-11-23")!)
        // One warning, on purpose: chloe (an org admin) keeps an entry on internal-faq.
        #expect(result.diagnostics.map(\.description) == [
            "projects/internal-faq/project.yaml:12:5: warning: chloe is an org admin (organization.yaml:33) and so an owner of every project; 'editor' here has no effect while they hold that role [redundant-access]",
        ])
        #expect(result.isValid)
        #expect(loaded.tree.people.count >= 15)
        #expect(loaded.tree.projects.count == 4)
        #expect(loaded.tree.assertions.count >= 5)
        // The template roles name declared templates; the owner ann has no Facebook ID.
        #expect(loaded.tree.projects["onboarding"]?.declaredTemplates.count == 4)
        #expect(!result.engine.hasFacebookID(.person("ann")))
    }

    @Test func enterpriseOrgIsValidWithoutPlanLimitOrPaymentMethod() throws {
        let loaded = try TreeReader().read(Repo.path("examples/enterprise-org"))
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: Day("2026-11-23")!)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let org = try #require(loaded.tree.organization)
        #expect(org.plan?.isEnterprise == true && org.plan?.projects == nil && org.plan?.projectLimit == nil)
        #expect(org.billing == nil)
        #expect(loaded.tree.projects.count == 2 && !loaded.tree.assertions.isEmpty)
    }

    @Test func aMissingFolderIsAReadError() {
        #expect(throws: TreeReadError.self) { try TreeReader().read("/nonexistent/orgtree-tree") }
    }

    @Test func linksLeavingTheTreeAreRefused() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        let outside = TemporaryFolder()
        outside.write("secret.yaml", "firstName: X\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/people/eve.yaml", withDestinationPath: outside.path + "/secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/teams", withDestinationPath: outside.path)
        let loaded = try TreeReader().read(dir.path)
        let unsafe = loaded.diagnostics.filter { $0.rule == .unsafeYAML }
        #expect(unsafe.map(\.location.file).sorted() == ["people/eve.yaml", "teams"])
        #expect(loaded.tree.people["eve"] == nil)
    }

    @Test func linksInsideTheTreeAreFollowedAndLoopsDoNotHang() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        dir.write("shared/carl.yaml", "firstName: Carl\nlastName: Ek\nemail: carl@acme.example\ntfa: {method: app}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/people/carl.yaml", withDestinationPath: dir.path + "/shared/carl.yaml")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/people/loop", withDestinationPath: dir.path + "/people")
        let loaded = try TreeReader().read(dir.path)
        #expect(loaded.tree.people["carl"] != nil)
        #expect(!loaded.diagnostics.contains { $0.rule == .unsafeYAML })
    }

    @Test func oversizedAndNonUTF8FilesAreRefused() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        dir.write("teams/big.yaml", "name: Big\nmembers: [" + String(repeating: "ann, ", count: 1_000_000) + "ann]\n")
        dir.write("teams/latin1.yaml", Array("name: Caf".utf8) + [0xE9] + Array("\n".utf8))
        let loaded = try TreeReader().read(dir.path)
        let unsafe = loaded.diagnostics.filter { $0.rule == .unsafeYAML }
        #expect(unsafe.map(\.location) == [
            SourceLocation(file: "teams/big.yaml", line: 1, column: 1),
            SourceLocation(file: "teams/latin1.yaml", line: 1, column: 10),
        ].sorted())
    }

    @Test func aFIFOIsNotReadSoItCannotHang() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        try FileManager.default.createDirectory(atPath: dir.path + "/teams", withIntermediateDirectories: true)
        #expect(mkfifo(dir.path + "/teams/pipe.yaml", 0o600) == 0)
        let loaded = try TreeReader().read(dir.path)
        #expect(loaded.diagnostics.contains { $0.rule == .unsafeYAML && $0.location.file == "teams/pipe.yaml" })
    }

    @Test func readingIsTheSameOnOneOrManyWorkers() throws {
        let one = try TreeReader(workers: 1).read(Repo.path("sample-org"))
        let many = try TreeReader(workers: 4).read(Repo.path("sample-org"))
        #expect(one.tree.files == many.tree.files)
        #expect(one.diagnostics == many.diagnostics)
    }

    // MARK: Names the tree cannot use

    /// Runs a POSIX call on a path given as raw bytes (a name that need not be UTF-8).
    static func raw<T>(_ path: [UInt8], _ call: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { call($0.baseAddress!) } }
    }

    static func unknownNames(_ loaded: LoadedTree) -> [String: String] {
        Dictionary(loaded.diagnostics.filter { $0.rule == .unknownKey }.map { ($0.location.file, $0.message) }) { a, _ in a }
    }

    @Test func namesThatAreNotUTF8AreReportedEscaped() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        try FileManager.default.createDirectory(atPath: dir.path + "/teams", withIntermediateDirectories: true)
        let folder = Array((dir.path + "/projects/caf").utf8) + [0xE9]
        let file = Array((dir.path + "/teams/t").utf8) + [0xFF] + Array(".yaml".utf8)
        #expect(Self.raw(folder) { mkdir($0, 0o755) } == 0)
        let project = folder + Array("/project.yaml".utf8)
        for path in [project, file] {
            let fd = Self.raw(path) { open($0, O_CREAT | O_WRONLY, 0o644) }
            #expect(fd >= 0)
            _ = "name: X\n".withCString { write(fd, $0, 8) }
            close(fd)
        }
        defer {
            _ = Self.raw(project) { unlink($0) }
            _ = Self.raw(folder) { rmdir($0) }
            _ = Self.raw(file) { unlink($0) }
        }
        let loaded = try TreeReader().read(dir.path)
        let reported = Self.unknownNames(loaded)
        #expect(reported.keys.sorted() == ["projects/caf\\xE9", "teams/t\\xFF.yaml"])
        #expect(reported["projects/caf\\xE9"]?.contains("is not valid UTF-8") == true)
        #expect(reported["teams/t\\xFF.yaml"]?.contains("rename it") == true)
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: exampleDay)
        #expect(!result.isValid)
    }

    @Test func yamlFilesInAnotherCaseOrEndingAreReported() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        dir.write("teams/Ops.YAML", "name: Ops\n")
        dir.write("teams/dev.Yml", "name: Dev\n")
        dir.write("teams/qa.yml", "name: QA\n")
        let reported = Self.unknownNames(try TreeReader().read(dir.path))
        #expect(reported == [
            "teams/Ops.YAML": "orgtree reads files ending in '.yaml', in lower case; rename it to 'ops.yaml'",
            "teams/dev.Yml": "orgtree reads files ending in '.yaml', in lower case; rename it to 'dev.yaml'",
            "teams/qa.yml": "orgtree reads '.yaml' files only; rename it to 'qa.yaml'",
        ])
    }

    @Test func aFolderNamedLikeAYAMLFileIsReported() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        try FileManager.default.createDirectory(atPath: dir.path + "/teams/ops.yaml", withIntermediateDirectories: true)
        let reported = Self.unknownNames(try TreeReader().read(dir.path))
        #expect(reported.keys.sorted() == ["teams/ops.yaml"])
        #expect(reported["teams/ops.yaml"]?.contains("is a folder") == true)
    }

    @Test func aLinkAliasingAProjectIsReportedAndTheProjectIsKept() throws {
        let dir = TemporaryFolder()
        dir.writeTree()
        // "alpha" sorts before "shop": the link is met first, yet the real folder is read.
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/projects/alpha", withDestinationPath: "shop")
        let loaded = try TreeReader().read(dir.path)
        #expect(loaded.tree.projects["shop"] != nil)
        #expect(loaded.tree.projects["alpha"] == nil)
        let reported = Self.unknownNames(loaded)
        #expect(reported.keys.sorted() == ["projects/alpha"])
        #expect(reported["projects/alpha"]?.contains("a link to the folder projects/shop") == true)
        #expect(reported["projects/alpha"]?.contains("remove the link") == true)
    }
}
