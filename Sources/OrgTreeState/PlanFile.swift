import Foundation
import OrgTreeCore

/// A saved plan (`plan --out`): bound to the store revision it was made against and to
/// the tree's digest. It holds no secret: token secrets are made at apply time.
public struct PlanFile: Codable, Sendable {
    public struct Change: Codable, Sendable, Equatable {
        var table: String
        var kind: String
        var key: [String]
        var before: [String]?
        var after: [String]?
    }

    public var format_version = 1
    public var store: String
    public var at: String
    public var base_revision: Int
    public var tree_digest: String
    public var changes: [Change]
    /// Subject → digest of its new effective rows.
    public var effective: [String: String]
    public var removed_subjects: [String]
    /// Made with `--recompute-all`: apply recomputes every subject too (absent: false).
    public var recompute_all: Bool?

    public init(plan: StorePlan, store: String, at: String, recomputeAll: Bool = false) {
        self.store = store
        self.at = at
        recompute_all = recomputeAll ? true : nil
        base_revision = plan.baseRevision
        tree_digest = plan.treeDigest
        changes = plan.changes.map { Change(table: $0.table, kind: $0.kind.rawValue, key: $0.key, before: $0.before, after: $0.after) }
        effective = Dictionary(uniqueKeysWithValues: plan.effective.map { ($0.subject, $0.digest) })
        removed_subjects = plan.removedSubjects
    }

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }

    public static func read(from path: String) throws -> PlanFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try JSONDecoder().decode(PlanFile.self, from: data)
        guard file.format_version == 1 else { throw StoreError("plan file format \(file.format_version) is not known") }
        return file
    }

    /// Why this saved plan is not the plan the tree and store give now, or nil when it is.
    public func mismatch(with plan: StorePlan) -> String? {
        if base_revision != plan.baseRevision {
            return "the plan was made against store revision \(base_revision), but the store is at revision \(plan.baseRevision)"
        }
        if tree_digest != plan.treeDigest {
            return "the tree changed since the plan was made (digest \(tree_digest.prefix(12)) then, \(plan.treeDigest.prefix(12)) now)"
        }
        let now = PlanFile(plan: plan, store: store, at: at)
        if now.changes != changes || now.effective != effective || now.removed_subjects != removed_subjects {
            return "the store's contents changed since the plan was made (outside orgtree); plan again"
        }
        return nil
    }
}

/// New tokens' secrets, written once to a new file readable by its owner only.
public enum SecretsFile {
    public static func write(_ secrets: [(token: String, secret: String)], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw StoreError("cannot create \(path) for the new tokens' secrets: \(String(cString: strerror(errno))) (it must not exist yet)")
        }
        defer { close(fd) }
        var text = "# orgtree: secrets of new tokens. Shown once; store them in a secret manager and delete this file.\n"
        for (token, secret) in secrets { text += "\(token) \(secret)\n" }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw StoreError("cannot flush \(path): \(String(cString: strerror(errno)))") }
    }
}
