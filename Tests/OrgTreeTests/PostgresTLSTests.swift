import Foundation
import Testing
@testable import OrgTreeState

/// `sslmode` and `sslrootcert` in a PostgreSQL state URL mean what they mean to libpq:
/// `require` and stronger never fall back to plaintext, `verify-ca` checks the server's
/// certificate against the root, `verify-full` also its host name. The test server
/// (scripts/postgres-test-server.sh) has TLS on, with a certificate authority made for it
/// alone (ORGTREE_TEST_POSTGRES_CA).
@Suite("PostgreSQL TLS", .serialized)
struct PostgresTLSTests {
    /// The test server's URL and its certificate authority, or nil when the tests run
    /// without PostgreSQL.
    static func server() throws -> (url: String, ca: String)? {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["ORGTREE_TEST_POSTGRES"] else {
            if env["ORGTREE_REQUIRE_POSTGRES"] != nil { throw TestStoreError("ORGTREE_REQUIRE_POSTGRES is set but ORGTREE_TEST_POSTGRES is not") }
            return nil
        }
        guard let ca = env["ORGTREE_TEST_POSTGRES_CA"] else {
            throw TestStoreError("ORGTREE_TEST_POSTGRES_CA is not set: start the server with scripts/postgres-test-server.sh")
        }
        return (url, ca)
    }

    /// Whether the connection a store opened for `url` is encrypted, as the server sees it.
    static func encrypted(_ url: String) throws -> Bool {
        let store = try StateStore(try StateURL(url), readOnly: true)
        return try store.session { try $0.scalar("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()") } == "true"
    }

    /// A certificate authority of its own, unrelated to the server's.
    static func otherAuthority(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("other-ca.crt").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=another CA",
                             "-keyout", folder.appendingPathComponent("other-ca.key").path, "-out", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestStoreError("openssl could not make a certificate authority") }
        return path
    }

    @Test func sslModesAreCheckedInTheURL() throws {
        for mode in ["disable", "prefer", "require"] {
            #expect(throws: Never.self) { try StateURL("postgres://orgtree@db/orgtree?sslmode=\(mode)") }
        }
        for mode in ["verify-ca", "verify-full"] {
            #expect(throws: Never.self) { try StateURL("postgres://orgtree@db/orgtree?sslmode=\(mode)&sslrootcert=system") }
        }
        let r = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:1/orgtree?sslmode=required"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("sslmode takes disable, prefer, require, verify-ca or verify-full (got required)"), "\(r.stderr)")
        let missing = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:1/orgtree?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/ca.crt"), "\(missing.stderr)")
        // verify-ca and verify-full need something to verify against.
        let none = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:1/orgtree?sslmode=verify-ca"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("sslrootcert"), "\(none.stderr)")
    }

    @Test func everyModeConnectsAsItSays() throws {
        guard let (url, ca) = try Self.server() else { return }
        #expect(try Self.encrypted(url + "?sslmode=disable") == false)
        #expect(try Self.encrypted(url) == true, "prefer is the default, as with libpq")
        #expect(try Self.encrypted(url + "?sslmode=prefer") == true)
        #expect(try Self.encrypted(url + "?sslmode=require") == true)
        #expect(try Self.encrypted(url + "?sslmode=verify-ca&sslrootcert=\(ca)") == true)
        #expect(try Self.encrypted(url + "?sslmode=verify-full&sslrootcert=\(ca)") == true)
        // The certificate names localhost too.
        let byName = url.replacingOccurrences(of: "@127.0.0.1:", with: "@localhost:")
        #expect(try Self.encrypted(byName + "?sslmode=verify-full&sslrootcert=\(ca)") == true)
    }

    @Test func aCertificateFromAnotherAuthorityIsRefused() throws {
        guard let (url, _) = try Self.server() else { return }
        let folder = TemporaryFolder()
        let other = try Self.otherAuthority(in: URL(fileURLWithPath: folder.path))
        for mode in ["verify-ca", "verify-full", "require"] {
            let r = try runOrgtree(["drift", "--state", url + "?sslmode=\(mode)&sslrootcert=\(other)"])
            #expect(r.status == 2, "\(mode)")
            #expect(r.stderr.contains("cannot connect to PostgreSQL") && r.stderr.contains("the server's certificate is not signed by a certificate authority of \(other) (sslmode=\(mode))"), "\(mode): \(r.stderr)")
        }
    }

    @Test func aHostNameTheCertificateDoesNotNameIsRefusedByVerifyFullOnly() throws {
        guard let (url, ca) = try Self.server() else { return }
        // The test server listens on 127.0.0.2 too, which its certificate does not name.
        let other = url.replacingOccurrences(of: "@127.0.0.1:", with: "@127.0.0.2:")
        #expect(try Self.encrypted(other + "?sslmode=require") == true)
        let r = try runOrgtree(["drift", "--state", other + "?sslmode=verify-full&sslrootcert=\(ca)"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the server's certificate does not name 127.0.0.2 (sslmode=verify-full checks the host name"), "\(r.stderr)")
        #expect(try Self.encrypted(other + "?sslmode=verify-ca&sslrootcert=\(ca)") == true)
    }

    @Test("apply, plan and drift over verify-full")
    func commandsOverVerifiedTLS() throws {
        guard try Self.server() != nil, let ca = ProcessInfo.processInfo.environment["ORGTREE_TEST_POSTGRES_CA"] else { return }
        let store = try TestStore(.postgres)
        let url = store.url + "?sslmode=verify-full&sslrootcert=\(ca)"
        let apply = try runOrgtree(["apply", Repo.path("sample-org"), "--state", url, "--at", "2026-11-23", "--secrets-out", store.tmp + "/s"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let plan = try runOrgtree(["plan", Repo.path("sample-org"), "--state", url, "--at", "2026-11-23"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(try runOrgtree(["drift", "--state", url]).status == 0)
    }

    /// A server that answers the TLS request with "N" (no TLS here), as a server without
    /// TLS does.
    final class PlaintextOnlyServer: @unchecked Sendable {
        let fd: Int32
        let port: Int

        init() throws {
            let silent = try PostgresTimeoutTests.SilentServer.listening()
            fd = silent.fd
            port = silent.port
            let fd = self.fd
            Thread.detachNewThread {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                var request = [UInt8](repeating: 0, count: 8)
                _ = read(client, &request, 8)
                _ = write(client, "N", 1)
                var rest = [UInt8](repeating: 0, count: 64)
                _ = read(client, &rest, 64)
                close(client)
            }
        }

        deinit { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
    }

    @Test func requireAgainstAServerWithoutTLSIsRefused() throws {
        let server = try PlaintextOnlyServer()
        let started = Date()
        let r = try runOrgtree(["drift", "--state", "postgres://orgtree@127.0.0.1:\(server.port)/orgtree?sslmode=require&connect_timeout=5"])
        #expect(r.status == 2)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(r.stderr.contains("the server does not offer TLS, and sslmode=require needs it"), "\(r.stderr)")
    }
}
