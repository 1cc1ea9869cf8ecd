import Crypto
import Foundation
import OrgTreeCore

/// SHA-256 digests of rows, subjects and trees.
public enum Digests {
    public static func hex(_ text: String) -> String {
        var hasher = SHA256()
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hex(hasher.finalize())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hexadecimal of bytes (a table, not `String(format:)`, which is slow).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func row(_ row: [String]) -> String { hex(row.joined(separator: "\u{1F}")) }

    public static func key(_ key: [String]) -> String { key.joined(separator: "\u{1F}") }

    /// The tree's digest: its files' paths and bytes, in path order.
    public static func tree(_ files: [(path: String, bytes: [UInt8])]) -> String {
        var hasher = SHA256()
        for file in files.sorted(by: { $0.path < $1.path }) {
            hasher.update(data: Data(file.path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(String(file.bytes.count).utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(file.bytes))
        }
        return hex(hasher.finalize())
    }


    /// A subject's rows with their digest.
    static func withDigest(_ g: SubjectRows) -> SubjectRows {
        var rows = g
        rows.cachedDigest = subjectDigest(g)
        return rows
    }

    /// The SHA-256 of a subject's rows: one line per row (`a`, `p` or `t` for
    /// `effective_access`, `effective_permissions`, `effective_template_permissions`, then
    /// the columns, each after U+001F), lines joined by newlines.
    static func subjectDigest(_ g: SubjectRows) -> String {
        // Bytes appended to one buffer and hashed once: building the text as a String
        // cost more than the hashing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 * (g.access.count + g.permissions.count + g.templates.count))
        append(g.access, tag: UInt8(ascii: "a"), to: &bytes)
        append(g.permissions, tag: UInt8(ascii: "p"), to: &bytes)
        append(g.templates, tag: UInt8(ascii: "t"), to: &bytes)
        return hex(SHA256.hash(data: bytes))
    }

    /// A digest's lines of some rows: per row, a newline (but before the first), `tag`,
    /// and each column after U+001F.
    private static func append<Row: StoreRow>(_ rows: [Row], tag: UInt8, to bytes: inout [UInt8]) {
        let columns = Row.table.columns.count
        // Rows read in place (see `SQLSession.insert(_:)`).
        rows.withUnsafeBufferPointer { rows in
            for row in rows.indices {
                if !bytes.isEmpty { bytes.append(0x0A) }
                bytes.append(tag)
                for index in 0..<columns {
                    bytes.append(0x1F)
                    var column = rows[row].column(index)
                    column.withUTF8 { bytes.append(contentsOf: $0) }
                }
            }
        }
    }
}

extension SubjectRows {
    /// The digest the store records for these rows (`Digests.subjectDigest`): the one
    /// computed when they were planned, or computed now.
    public var digest: String { cachedDigest ?? Digests.subjectDigest(self) }
}
