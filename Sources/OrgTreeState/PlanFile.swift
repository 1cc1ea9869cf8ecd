import Foundation
import OrgTreeCore

/// A saved plan (`plan --out`, the document `plan --format json` prints), read back by
/// `apply --plan`: bound to the store revision it was made against and to the tree's
/// digest. It holds no secret: token secrets are made at apply time.
public struct PlanFile: Decodable, Sendable {
    public static let formatVersion = 1

    public struct Change: Codable, Sendable, Equatable {
        var table: String
        var kind: String
        var key: [String]
        var before: [String]?
        var after: [String]?

        init(_ change: RowChange) {
            table = change.table
            kind = change.kind.rawValue
            key = change.key
            before = change.before
            after = change.after
        }
    }

    public var formatVersion: Int
    public var store: String
    /// The day the plan was made for; `apply --plan` evaluates on it.
    public var at: String
    public var baseRevision: Int
    public var treeDigest: String
    public var changes: [Change]
    /// Subject → digest of its new effective rows.
    public var effective: [String: String]
    public var removedSubjects: [String]
    /// Made with `--recompute-all`: apply recomputes every subject too.
    public var recomputeAll: Bool
    /// The SHA-256 of what binds the plan (`digest`), as `plan --out` wrote it; nil in a
    /// file written before plan files carried it.
    public var planDigest: String?

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", store, at, baseRevision = "base_revision", treeDigest = "tree_digest",
             changes, effective, removedSubjects = "removed_subjects", recomputeAll = "recompute_all", planDigest = "plan_digest"
    }

    /// What `plan_digest` covers: every field `apply --plan` checks or acts on.
    private struct Bound: Encodable {
        var at: String
        var baseRevision: Int
        var treeDigest: String
        var changes: [Change]
        var effective: [String: String]
        var removedSubjects: [String]
        var recomputeAll: Bool
    }

    /// The SHA-256 (hex) of the plan's binding fields, in one canonical JSON encoding.
    static func digest(at: String, baseRevision: Int, treeDigest: String, changes: [Change], effective: [String: String],
                       removedSubjects: [String], recomputeAll: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bound = Bound(at: at, baseRevision: baseRevision, treeDigest: treeDigest, changes: changes, effective: effective,
                          removedSubjects: removedSubjects, recomputeAll: recomputeAll)
        // Encoding strings, integers and booleans cannot fail.
        let data = (try? encoder.encode(bound)) ?? Data()
        return Digests.hex(String(decoding: data, as: UTF8.self))
    }

    /// The `plan_digest` of a plan as `plan --out` writes it.
    static func digest(of plan: DeploymentPlan) -> String {
        let p = plan.plan
        return digest(at: plan.day.description, baseRevision: p.baseRevision, treeDigest: p.treeDigest, changes: p.changes.map(Change.init),
                      effective: Dictionary(uniqueKeysWithValues: p.effective.map { ($0.subject, $0.digest) }),
                      removedSubjects: p.removedSubjects, recomputeAll: plan.recomputeAll)
    }

    /// The digest of this file's own binding fields, as read.
    var ownDigest: String {
        Self.digest(at: at, baseRevision: baseRevision, treeDigest: treeDigest, changes: changes, effective: effective,
                    removedSubjects: removedSubjects, recomputeAll: recomputeAll)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        store = try c.decode(String.self, forKey: .store)
        at = try c.decode(String.self, forKey: .at)
        baseRevision = try c.decode(Int.self, forKey: .baseRevision)
        treeDigest = try c.decode(String.self, forKey: .treeDigest)
        changes = try c.decode([Change].self, forKey: .changes)
        effective = try c.decode([String: String].self, forKey: .effective)
        removedSubjects = try c.decode([String].self, forKey: .removedSubjects)
        recomputeAll = try c.decodeIfPresent(Bool.self, forKey: .recomputeAll) ?? false
        planDigest = try c.decodeIfPresent(String.self, forKey: .planDigest)
    }

    public static func read(from path: String) throws -> PlanFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try JSONDecoder().decode(PlanFile.self, from: data)
        guard file.formatVersion == formatVersion else { throw StoreError("plan file format \(file.formatVersion) is not known") }
        return file
    }

    /// Why this saved plan is not the plan the tree and store give now, or nil when it is.
    public func mismatch(with plan: StorePlan) -> String? {
        if let planDigest, planDigest != ownDigest {
            return "the plan file does not match its own digest (plan_digest): it was changed after `plan --out` wrote it; plan again"
        }
        if baseRevision != plan.baseRevision {
            return "the plan was made against store revision \(baseRevision), but the store is at revision \(plan.baseRevision)"
        }
        if treeDigest != plan.treeDigest {
            return "the tree changed since the plan was made (digest \(treeDigest.prefix(12)) then, \(plan.treeDigest.prefix(12)) now)"
        }
        if plan.changes.map(Change.init) != changes
            || Dictionary(uniqueKeysWithValues: plan.effective.map { ($0.subject, $0.digest) }) != effective
            || plan.removedSubjects != removedSubjects {
            return planDigest == nil
                ? "the rows the plan file lists are not those the store and the tree give now (the store changed outside orgtree, or the file was edited); plan again"
                : "the store's contents changed since the plan was made (outside orgtree); plan again"
        }
        return nil
    }
}
