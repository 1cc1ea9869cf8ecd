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
}
