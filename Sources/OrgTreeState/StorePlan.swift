import Crypto
import Foundation
import OrgTreeCore

/// What the store holds now, as far as planning needs it.
public struct StoredState: Sendable {
    public var schemaVersion: Int
    public var revision: Int
    public var lastTreeDigest: String?
    /// The tree's tables (and `default_permissions`); per-subject effective rows are
    /// represented by their digests instead.
    public var snapshot: StoreSnapshot
    public var effectiveDigests: [String: String]

    public static let empty = StoredState(schemaVersion: 0, revision: 0, lastTreeDigest: nil, snapshot: StoreSnapshot(), effectiveDigests: [:])
}

/// Everything `apply` would write: bound to the store revision it was made against and
/// to the digest of the tree it came from.
public struct StorePlan: Sendable {
    public var baseRevision: Int
    public var treeDigest: String
    /// Rows of the tree's tables and `default_permissions`, in write order.
    public var changes: [RowChange]
    /// Subjects whose effective rows change, with their new rows and digest.
    public var effective: [SubjectRows]
    /// Subjects whose effective rows go away.
    public var removedSubjects: [String]

    public var isEmpty: Bool { changes.isEmpty && effective.isEmpty && removedSubjects.isEmpty }

    /// The plan that makes the store hold `desired` (the tree's rows) and the effective
    /// rows `effective` gives. Only the subjects whose rows may have changed are computed
    /// (`AffectedSubjects`, plus every token and every subject the store has no rows of);
    /// with `recomputeAll`, or on an empty store, every subject is.
    public static func make(stored: StoredState, desired: StoreSnapshot, effective builder: EffectiveRowBuilder,
                            treeDigest: String, recomputeAll: Bool = false) -> StorePlan {
        let changes = SnapshotDiff.changes(from: stored.snapshot, to: desired)
        let subjects = builder.matrix.engine.tree.subjects
        let affected = recomputeAll || stored.effectiveDigests.isEmpty
            ? nil : AffectedSubjects.keys(changes: changes, engine: builder.matrix.engine)
        let computing = affected.map { affected in
            subjects.filter { subject in
                if case .token = subject { return true }
                let key = subject.description
                return affected.contains(key) || stored.effectiveDigests[key] == nil
            }
        } ?? subjects
        var effective: [SubjectRows] = []
        var removed = Set<String>()
        // Rows and digest of each subject in one pass, on all cores.
        for rows in ConcurrentMap.map(computing, { Digests.withDigest(builder.rows(of: $0)) }) {
            if rows.access.isEmpty && rows.permissions.isEmpty {
                // A subject without access keeps no rows.
                if stored.effectiveDigests[rows.subject] != nil { removed.insert(rows.subject) }
            } else if stored.effectiveDigests[rows.subject] != rows.digest {
                effective.append(rows)
            }
        }
        let inTree = Set(subjects.map(\.description))
        removed.formUnion(stored.effectiveDigests.keys.filter { !inTree.contains($0) })
        return StorePlan(baseRevision: stored.revision, treeDigest: treeDigest, changes: changes,
                         effective: effective, removedSubjects: removed.sorted())
    }

    /// The row changes in the order they are written: deletes first, children before
    /// parents (the reverse of table order), then inserts and updates, parents first.
    public var writeOrder: [RowChange] {
        changes.filter { $0.kind == .delete }.reversed() + changes.filter { $0.kind != .delete }
    }

    /// People new to the store: they get an invitation.
    public var invitations: [String] {
        changes.compactMap { $0.kind == .insert ? $0.row(PersonRow.self)?.id : nil }
    }

    public var newTokens: [String] {
        changes.compactMap { $0.kind == .insert ? $0.row(TokenRow.self)?.subject.description : nil }
    }

    public var revokedTokens: [String] {
        changes.compactMap { $0.kind == .delete ? $0.row(TokenRow.self)?.subject.description : nil }
    }
}

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

    /// The SHA-256 of a subject's rows: one line per row (`a` or `p`, then the columns,
    /// separated by U+001F), lines joined by newlines.
    static func subjectDigest(_ g: SubjectRows) -> String {
        // Bytes appended to one buffer and hashed once: building the text as a String
        // cost more than the hashing.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 * (g.access.count + g.permissions.count))
        append(g.access, tag: UInt8(ascii: "a"), to: &bytes)
        append(g.permissions, tag: UInt8(ascii: "p"), to: &bytes)
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
