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
    /// People whose invitation is still pending (`people.invitation = 'invited'`).
    public var invited: Set<String> = []
    /// The store's lock when it was read: an apply may be writing (or its process died).
    public var lock: StoreLock?

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
    /// People removed from the tree while their invitation was pending, as the store held
    /// them when planned: apply revokes their invitation (the platform may have marked one
    /// accepted since; apply reports what it did).
    public var revokedInvitations: [String] = []

    public var isEmpty: Bool { changes.isEmpty && effective.isEmpty && removedSubjects.isEmpty }

    /// The plan that makes the store hold `desired` (the tree's rows) and the effective
    /// rows `effective` gives. Only the subjects whose rows may have changed are computed
    /// (`AffectedSubjects`, plus every token, every template-role holder and every subject
    /// the store has no rows of);
    /// with `recomputeAll`, or on an empty store, every subject is.
    public static func make(stored: StoredState, desired: StoreSnapshot, effective builder: EffectiveRowBuilder,
                            treeDigest: String, recomputeAll: Bool = false) -> StorePlan {
        let changes = SnapshotDiff.changes(from: stored.snapshot, to: desired)
        let subjects = builder.matrix.engine.tree.subjects
        let affected = recomputeAll || stored.effectiveDigests.isEmpty
            ? nil : AffectedSubjects.keys(changes: changes, engine: builder.matrix.engine)
        // Template-role holders too: a store written by schema 1 has no template rows yet.
        let templateHolders = Set(desired.projectTemplates.map(\.person))
        let computing = affected.map { affected in
            subjects.filter { subject in
                if case .token = subject { return true }
                let key = subject.description
                return affected.contains(key) || stored.effectiveDigests[key] == nil || templateHolders.contains(key)
            }
        } ?? subjects
        var effective: [SubjectRows] = []
        var removed = Set<String>()
        // Rows and digest of each subject in one pass, on all cores.
        for rows in ConcurrentMap.map(computing, { Digests.withDigest(builder.rows(of: $0)) }) {
            if rows.isEmpty {
                // A subject without access keeps no rows.
                if stored.effectiveDigests[rows.subject] != nil { removed.insert(rows.subject) }
            } else if stored.effectiveDigests[rows.subject] != rows.digest {
                effective.append(rows)
            }
        }
        let inTree = Set(subjects.map(\.description))
        removed.formUnion(stored.effectiveDigests.keys.filter { !inTree.contains($0) })
        let removedPeople = changes.compactMap { $0.kind == .delete ? $0.row(PersonRow.self)?.id : nil }
        return StorePlan(baseRevision: stored.revision, treeDigest: treeDigest, changes: changes,
                         effective: effective, removedSubjects: removed.sorted(),
                         revokedInvitations: removedPeople.filter(stored.invited.contains).sorted())
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
