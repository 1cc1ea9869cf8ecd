import Foundation
import OrgTreeKit
import Testing

/// `FolderWriter`: files of one folder share its descriptor, and a file whose folder
/// comes back later, or sits deeper or higher, still lands where its path says.
@Suite("folder writer")
struct FolderWriterTests {
    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test("files in folders visited in any order, again and at any depth, land at their paths")
    func writesEveryFileWhereItsPathSays() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/out"
        let files: [(path: String, text: String)] = [
            ("people/b.yaml", "b\n"), ("people/a.yaml", "a\n"), ("organization.yaml", "org\n"),
            ("projects/one/project.yaml", "one\n"), ("projects/one/tokens.yaml", "tokens\n"),
            ("people/c.yaml", "c\n"), ("projects/two/project.yaml", "two\n"), ("projects/one/late.yaml", "late\n"),
            ("empty.yaml", ""), ("Zoë/ü.yaml", "ü\n"),
        ]
        var counts: [Int] = []
        #expect(try FolderWriter.write(files, into: out) { counts.append($0) } == files.count)
        #expect(counts == Array(1...files.count))
        for file in files {
            #expect(try Self.read(out + "/" + file.path) == file.text, "\(file.path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/people").sorted() == ["a.yaml", "b.yaml", "c.yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/projects/one").sorted()
            == ["late.yaml", "project.yaml", "tokens.yaml"])
    }

    @Test("remove takes the files that are there, in any folder order, and skips missing files and folders")
    func removesWhatIsThere() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/out"
        let files: [(path: String, text: String)] = [("people/a.yaml", "a"), ("people/b.yaml", "b"), ("teams/t.yaml", "t"), ("top.yaml", "x")]
        try FolderWriter.write(files, into: out)
        try FolderWriter.remove(["people/a.yaml", "gone/x.yaml", "gone/y.yaml", "teams/t.yaml", "people/missing.yaml",
                                 "top.yaml", "people/b.yaml"], from: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/people") == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/teams") == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["people", "teams"])
    }

    @Test("a failure names the file and says why")
    func failureNamesTheFile() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/out"
        try FolderWriter.write([(path: "people", text: "a file where a folder is wanted")], into: out)
        let failure = #expect(throws: FolderWriter.Failure.self) {
            try FolderWriter.write([(path: "people/a.yaml", text: "a")], into: out)
        }
        #expect(failure?.description == "cannot write \(out)/people/a.yaml: Not a directory")
    }
}
