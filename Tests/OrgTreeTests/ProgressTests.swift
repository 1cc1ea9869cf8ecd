import Foundation
import Testing

/// Progress of plan, apply, import and generate: on standard error when it is a
/// terminal, one status line rewritten with carriage returns and cleared at the end;
/// nothing on a pipe or with --quiet; never an escape sequence; standard output the same.
@Suite("Progress")
struct ProgressTests {
    /// Each command line twice, on a terminal and not: the same output, progress only on
    /// the terminal, naming `steps`.
    static func expectProgress(_ arguments: [String], steps: [String], status: Int32 = 0, then: (() -> Void)? = nil) {
        let shown = orgtreeInProcess(arguments, errorTerminal: true, environment: ["NO_COLOR": "1"])
        #expect(shown.status == status, "\(shown.stderr)")
        for step in steps { #expect(shown.stderr.contains(step), "no progress '\(step)' in \(shown.stderr.debugDescription)") }
        #expect(shown.stderr.hasPrefix("\r") && shown.stderr.hasSuffix("\r"), "\(shown.stderr.debugDescription)")
        #expect(!(shown.stderr + shown.stdout).contains("\u{1B}"))
        // What the step wrote was cleared: the last status line is overwritten with spaces.
        let last = shown.stderr.split(separator: "\r").last ?? ""
        #expect(last.allSatisfy { $0 == " " })
        then?()
        let quiet = orgtreeInProcess(arguments + ["--quiet"], errorTerminal: true)
        #expect(quiet.status == status && quiet.stderr == "")
        then?()
        let piped = orgtreeInProcess(arguments)
        #expect(piped.status == status && piped.stderr == "")
        #expect(piped.stdout.split(separator: "\n").count == shown.stdout.split(separator: "\n").count)
    }

    @Test func planApplyImport() {
        let folder = TemporaryFolder()
        let state = "sqlite:\(folder.path)/state.db"
        let tree = Repo.path("sample-org")
        Self.expectProgress(["plan", tree, "--state", state, "--at", "2026-11-23"],
                            steps: ["orgtree plan: ", "read and validate: ", "read the store (waiting for it): 0 rows", "rows from the tree: "],
                            status: 1)
        var n = 0
        Self.expectProgress(["apply", tree, "--state", state, "--at", "2026-11-23", "--secrets-out", folder.path + "/secrets"],
                            steps: ["orgtree apply: ", "write: effective rows: ", "write: revision, audit log: "]) {
            // Each apply starts from an empty store again.
            n += 1
            try? FileManager.default.removeItem(atPath: folder.path + "/state.db")
            try? FileManager.default.removeItem(atPath: folder.path + "/secrets")
        }
        // The last run, not on a terminal, applied: import reads it.
        #expect(n == 2)
        Self.expectProgress(["import", "--state", state, "--out", folder.path + "/imported"],
                            steps: ["orgtree import: ", "read the store: ", "write the files: "]) {
            try? FileManager.default.removeItem(atPath: folder.path + "/imported")
        }
    }

    @Test func generate() {
        let folder = TemporaryFolder()
        Self.expectProgress(["generate", "--people", "510", "--projects", "1", "--out", folder.path + "/big", "--today", "2026-11-23"],
                            steps: ["orgtree generate: ", "write the files: 500 files", "write the files: 5"]) {
            try? FileManager.default.removeItem(atPath: folder.path + "/big")
        }
    }
}
