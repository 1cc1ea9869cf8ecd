import Foundation
import Testing

/// plan and drift read a SQLite store that their user may not write — in a folder where
/// SQLite cannot make the write-ahead log's files — and apply is refused there.
@Suite("A store its reader may not write")
struct ReadOnlyStoreTests {
    @Test func planAndDriftReadAStoreInAFolderTheyMayNotWrite() throws {
        // A folder of its own under /tmp (every user may reach it), removed afterwards.
        let folder = "/tmp/orgtree-readonly-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let store = "sqlite:\(folder)/state.db"
        // The binary and the tree are copied there too: the checkout may be in a folder
        // that user cannot reach.
        let (binary, tree) = (folder + "/orgtree", folder + "/org")
        try FileManager.default.copyItem(atPath: Repo.executable, toPath: binary)
        try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: tree)
        #expect(try runProcess(binary, ["apply", tree, "--state", store, "--secrets-out", folder + "/secrets"]).status == 0)
        for leftover in ["state.db-wal", "state.db-shm", "secrets"] { try? FileManager.default.removeItem(atPath: "\(folder)/\(leftover)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder + "/state.db")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        // Root may write anywhere: as root, run orgtree as the unprivileged user nobody.
        func run(_ arguments: [String]) throws -> ProcessResult {
            if getuid() == 0 { return try runProcess("/usr/sbin/runuser", ["-u", "nobody", "--", binary] + arguments) }
            return try runProcess(binary, arguments)
        }
        let plan = try run(["plan", tree, "--state", store])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("No changes."))
        let drift = try run(["drift", "--state", store])
        #expect(drift.status == 0, "\(drift.stderr)")
        let apply = try run(["apply", tree, "--state", store, "--secrets-out", "/tmp/orgtree-never-\(UUID().uuidString)"])
        #expect(apply.status == 2)
        #expect(apply.stderr.contains("readonly database"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/state.db-wal"))
    }
}
