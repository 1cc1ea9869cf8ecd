import Foundation
import Testing

/// The JSON Schemas in schemas/ accept every file of sample-org and examples/ and reject the
/// structural-error fixtures, checked by an independent validator (Python's jsonschema).
@Suite("JSON Schemas")
struct SchemaTests {
    @Test func sampleOrgPassesAndFixturesFail() throws {
        let (status, text) = try Self.check(["--valid", Repo.path("sample-org"), "--valid", Repo.path("examples/enterprise-org"),
                                             "--valid", Repo.path("examples/changed-org"),
                                             "--invalid", Repo.path("Tests/Fixtures/schema-invalid")])
        #expect(status == 0, "\(text)")
        #expect(text.contains(" 0 failed"), "\(text)")
    }

    /// Runs scripts/check-schemas.py with `arguments`: its exit status and what it printed.
    static func check(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // .ci/run names a Python that has jsonschema and yaml (Debian's python3-jsonschema
        // and python3-yaml); otherwise the first python3 on PATH.
        let python = ProcessInfo.processInfo.environment["ORGTREE_TEST_PYTHON"] ?? "python3"
        process.arguments = [python, Repo.path("scripts/check-schemas.py")] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
