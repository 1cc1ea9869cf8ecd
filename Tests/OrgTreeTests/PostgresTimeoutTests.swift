import Foundation
import Testing
import OrgTreeState

/// A PostgreSQL server that stops answering ends the command within the state URL's
/// timeouts, with exit 2, and the store stays at its revision.
@Suite("PostgreSQL timeouts", .serialized)
struct PostgresTimeoutTests {
    /// A TCP port that accepts connections (the kernel's backlog) and never answers.
    final class SilentServer {
        let fd: Int32
        let port: Int

        init() throws {
            (fd, port) = try Self.listening()
        }

        /// A socket listening on a free port of 127.0.0.1.
        static func listening() throws -> (fd: Int32, port: Int) {
            let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = socketFD >= 0 && withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { a in
                    bind(socketFD, a, length) == 0 && listen(socketFD, 8) == 0 && getsockname(socketFD, a, &length) == 0
                }
            }
            guard bound else {
                if socketFD >= 0 { close(socketFD) }
                throw TestStoreError("cannot listen on 127.0.0.1")
            }
            return (socketFD, Int(UInt16(bigEndian: address.sin_port)))
        }

        deinit { close(fd) }
    }

    @Test func aServerThatNeverAnswersEndsTheConnectWithinItsTimeout() throws {
        let server = try SilentServer()
        let started = Date()
        let r = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:\(server.port)/orgtree?connect_timeout=1"])
        #expect(r.status == 2)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(r.stderr.contains("no answer from the server within 1 second (connect_timeout in the state URL)"), "\(r.stderr)")
    }

    @Test func timeoutsInTheStateURLAreChecked() throws {
        #expect(throws: Never.self) { try StateURL("postgres://orgtree@db/orgtree?connect_timeout=2.5&statement_timeout=0") }
        for query in ["connect_timeout=nan", "statement_timeout=-1", "connect_timeout=0", "timeout=5"] {
            let r = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:1/orgtree?\(query)"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("the PostgreSQL state URL's"), "\(r.stderr)")
        }
    }

    @Test("a statement the server does not answer ends apply with exit 2, the store at its old revision",
          arguments: StoreKind.available.filter { $0 == .postgres })
    func statementTimeout(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try runOrgtree(["apply", Repo.path("sample-org"), "--state", store.url, "--at", "2026-11-23",
                                "--secrets-out", store.tmp + "/s0"]).status == 0)
        // Another session holds revisions locked for 8 seconds: apply's transaction waits
        // on it, as on a server that went away.
        let blocker = Process()
        blocker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        blocker.arguments = ["psql", "-X", "-q", store.url, "-c",
                             "BEGIN; LOCK TABLE revisions IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(8); COMMIT;"]
        try blocker.run()
        defer { blocker.terminate(); blocker.waitUntilExit() }
        Thread.sleep(forTimeInterval: 1)
        let tree = store.tmp + "/tree"
        try FileManager.default.copyItem(atPath: Repo.path("sample-org"), toPath: tree)
        let pia = tree + "/people/pia.yaml"
        try (try String(contentsOfFile: pia, encoding: .utf8)).replacingOccurrences(of: "jobTitle:", with: "jobTitle: \"Lead\"\n# was:")
            .write(toFile: pia, atomically: true, encoding: .utf8)
        let started = Date()
        let r = try runOrgtree(["apply", tree, "--state", store.url + "?statement_timeout=2", "--at", "2026-11-23"])
        #expect(r.status == 2)
        #expect(Date().timeIntervalSince(started) < 12)
        #expect(r.stderr.contains("no answer from the server within 2 seconds (statement_timeout in the state URL)"), "\(r.stderr)")
        blocker.terminate()
        blocker.waitUntilExit()
        #expect(try store.column("SELECT MAX(number) FROM revisions") == ["1"])
    }

    /// Runs a command line, returning its standard output (trimmed); throws on failure.
    /// The output goes through a file, not a pipe: a server the command starts keeps
    /// the descriptors it inherits open, and a pipe would never end.
    @discardableResult
    static func shell(_ arguments: [String]) throws -> String {
        let folder = TemporaryFolder()
        let file = folder.path + "/out"
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        let data = FileManager.default.contents(atPath: file) ?? Data()
        guard process.terminationStatus == 0 else { throw TestStoreError("\(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the server going away in the middle of an apply ends it with exit 2 within seconds, nothing committed",
          arguments: [0.0, 0.5, 1.5])
    func serverGoesAwayMidApply(delay: Double) throws {
        guard StoreKind.available.contains(.postgres) else { return }
        // A server of this test's own, stopped as if it crashed (pg_ctl -m immediate).
        let script = Repo.path("scripts/postgres-test-server.sh")
        let port = try SilentServer.listening()
        close(port.fd)
        let exports = try Self.shell([script, "start", String(port.port)])
        func exported(_ name: String) -> String? {
            exports.split(separator: "\n").first { $0.hasPrefix("export \(name)=") }.map { String($0.dropFirst("export \(name)=".count)) }
        }
        let url = try #require(exported("ORGTREE_TEST_POSTGRES")), dir = try #require(exported("PG_TEST_DIR"))
        defer { _ = try? Self.shell([script, "stop", dir]) }
        let folder = TemporaryFolder()
        #expect(try runOrgtree(["generate", "--people", "3000", "--projects", "300", "--seed", "5", "--today", "2026-11-23",
                                "--out", folder.path + "/tree"]).status == 0)
        let apply = Process()
        apply.executableURL = URL(fileURLWithPath: Repo.executable)
        apply.arguments = ["apply", folder.path + "/tree", "--state", url, "--at", "2026-11-23", "--secrets-out", folder.path + "/secrets"]
        let errors = Pipe()
        apply.standardOutput = FileHandle.nullDevice
        apply.standardError = errors
        try apply.run()
        // The apply holds the lock from its first write to its commit.
        let deadline = Date().addingTimeInterval(120)
        while apply.isRunning, Date() < deadline, (try? Self.shell(["psql", "-X", "-tA", url, "-c", "SELECT count(*) FROM locks"])) != "1" {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(apply.isRunning, "the apply ended before the server was stopped")
        Thread.sleep(forTimeInterval: delay)
        try Self.shell([script, "kill", dir])
        let stopped = Date()
        while apply.isRunning, Date().timeIntervalSince(stopped) < 30 { Thread.sleep(forTimeInterval: 0.05) }
        let ended = Date().timeIntervalSince(stopped)
        if apply.isRunning { apply.terminate() }
        apply.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(ended < 10, "apply went on for \(ended) seconds after the server stopped")
        #expect(apply.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("the connection to the server was lost") || stderr.contains("connection refused") || stderr.contains("Connection reset"),
                "\(stderr)")
        #expect(!stderr.contains("CONTINUATION MISUSE"), "\(stderr)")
        try Self.shell([script, "resume", dir])
        #expect(try Self.shell(["psql", "-X", "-tA", url, "-c", "SELECT count(*) FROM revisions"]) == "0")
    }
}
