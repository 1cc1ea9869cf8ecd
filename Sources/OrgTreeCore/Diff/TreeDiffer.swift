/// Computes what changes between two trees (OLD and NEW): entity changes and effective
/// access changes, each with provenance, risk and approvers. Pure and deterministic:
/// the same two trees and day always give the same report, in the same order.
///
/// The work is proportional to what changed, not to people × projects: see
/// `AccessComparison` for which subject/project pairs are compared.
public struct TreeDiffer: Sendable {
    public let old: AccessEngine
    public let new: AccessEngine
    /// The day token expiry is evaluated on (in both trees).
    public let day: Day
    public var workers: Int
    /// Which projects of a project-access change carry their chains.
    public var provenance: DiffProvenanceScope

    public init(old: AccessEngine, new: AccessEngine, day: Day, workers: Int = 0, provenance: DiffProvenanceScope = .everyProject) {
        self.old = old
        self.new = new
        self.day = day
        self.workers = workers
        self.provenance = provenance
    }

    public func diff() -> TreeDiff {
        let matching = SubjectMatching(old: old.tree, new: new.tree)
        var changes = EntityComparison.changes(old: old.tree, new: new.tree, matching: matching)
        changes += AccessComparison(old: old, new: new, matching: matching, day: day, workers: workers, provenance: provenance).changes()
        let keys = changes.map(Self.sortKey)
        let order = changes.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        return TreeDiff(changes: order.map { changes[$0] })
    }

    /// Entities first (by kind, id, action, field), then default roles, then access by
    /// subject (org role, org permissions, projects, token scopes).
    static func sortKey(_ change: DiffChange) -> [String] {
        func subject(_ s: Subject?) -> String {
            guard let s else { return "" }
            switch s {
            case .person: return "0 " + s.description
            case .agencyPerson: return "1 " + s.description
            case .token: return "2 " + s.description
            }
        }
        switch change.detail {
        case .entity(let e):
            let kind = EntityChange.Kind.allCases.firstIndex(of: e.kind)!
            let action = ["removed", "renamed", "added", "modified"].firstIndex(of: e.action.rawValue)!
            return ["0", "\(kind)", e.id, "\(action)", e.field ?? ""]
        case .defaultRole(let d):
            return ["1", d.projects.first?.project ?? "", d.from?.rawValue ?? "", d.to?.rawValue ?? ""]
        case .orgRole:
            return ["2", subject(change.subject), "0"]
        case .orgPermission(let p, let gained):
            return ["2", subject(change.subject), "1", p.rawValue, gained ? "1" : "0"]
        case .projectAccess(let p):
            return ["2", subject(change.subject), "2", p.projects.first?.project ?? "", p.from?.description ?? "", p.to?.description ?? ""]
        case .tokenScopes:
            return ["2", subject(change.subject), "3"]
        }
    }
}
