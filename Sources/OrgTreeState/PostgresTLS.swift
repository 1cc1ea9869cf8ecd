import Foundation
import NIOSSL
import PostgresNIO

/// TLS for a PostgreSQL store, set in the state URL's query as with libpq:
/// `sslmode=disable|prefer|require|verify-ca|verify-full` and `sslrootcert=PATH` (or
/// `system`, the system's trusted roots).
/// - `disable`: plaintext.
/// - `prefer` (the default): TLS when the server offers it, else plaintext; the
///   certificate is not checked.
/// - `require`: TLS or no connection; the certificate is not checked unless `sslrootcert`
///   is given, which makes it `verify-ca` (as libpq does).
/// - `verify-ca`: TLS, and the server's certificate must chain to `sslrootcert`.
/// - `verify-full`: as `verify-ca`, and the certificate must name the host of the URL.
public struct PostgresTLS: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var mode: Mode = .prefer
    /// A PEM file of trusted certificate authorities, or `system`.
    public var rootCertificate: String?

    public init() {}

    init(mode: String) throws {
        guard let mode = Mode(rawValue: mode) else {
            throw StoreError("the PostgreSQL state URL's sslmode takes disable, prefer, require, verify-ca or verify-full (got \(mode))")
        }
        self.mode = mode
    }

    /// The checks of the values together, once the whole query is read.
    func checked() throws -> PostgresTLS {
        if mode == .verifyCA || mode == .verifyFull, rootCertificate == nil {
            throw StoreError("sslmode=\(mode.rawValue) checks the server's certificate against a certificate authority: add sslrootcert=PATH (a PEM file) or sslrootcert=system to the state URL")
        }
        if let path = rootCertificate, path != "system", !FileManager.default.isReadableFile(atPath: path) {
            throw StoreError("the PostgreSQL state URL's sslrootcert \(path) is not a readable file")
        }
        return self
    }

    /// postgres-nio's setting for this mode.
    func configuration() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        let verify = mode == .verifyCA || mode == .verifyFull || (mode == .require && rootCertificate != nil)
        tls.certificateVerification = !verify ? .none : mode == .verifyFull ? .fullVerification : .noHostnameVerification
        if let path = rootCertificate, path != "system" {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw StoreError("the PostgreSQL state URL's sslrootcert \(path) holds no PEM certificate (\(error))")
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw StoreError("cannot set up TLS for PostgreSQL: \(error)")
        }
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(context)
        case .require, .verifyCA, .verifyFull: return .require(context)
        }
    }
}
