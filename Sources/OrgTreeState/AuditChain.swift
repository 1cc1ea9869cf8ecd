import OrgTreeCore

/// One entry of the append-only audit log.
public struct AuditEntry: Sendable, Equatable {
    public var seq: Int
    public var revision: Int
    /// When the apply ran (UTC, ISO 8601).
    public var at: String
    public var actor: String?
    public var gitCommit: String?
    /// insert, update, delete, revoke-invitation, grant-access, change-access,
    /// revoke-access or revision.
    public var action: String
    /// `TABLE KEY` for a row (the key's columns joined by `/`), the subject for its
    /// effective access, the revision's number for the revision.
    public var target: String
    public var before: String?
    public var after: String?

    /// The columns `AuditEntry.init(row:)` reads, in its order (the hashes follow).
    static let selectColumns = "CAST(seq AS TEXT), CAST(revision AS TEXT), at, actor, git_commit, action, target, before, after"

    /// An entry from a row of `selectColumns`.
    init(row: [String?]) {
        self.init(seq: Int(row[0] ?? "") ?? -1, revision: Int(row[1] ?? "") ?? -1, at: row[2] ?? "", actor: row[3] ?? nil,
                  gitCommit: row[4] ?? nil, action: row[5] ?? "", target: row[6] ?? "", before: row[7] ?? nil, after: row[8] ?? nil)
    }

    init(seq: Int, revision: Int, at: String, actor: String?, gitCommit: String?, action: String, target: String,
         before: String?, after: String?) {
        (self.seq, self.revision, self.at, self.actor, self.gitCommit) = (seq, revision, at, actor, gitCommit)
        (self.action, self.target, self.before, self.after) = (action, target, before, after)
    }
}

/// Each audit entry carries the SHA-256 of the previous one, so that changing or removing
/// an entry breaks every hash after it (`orgtree audit verify`).
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(_ e: AuditEntry, previous: String) -> String {
        let fields = [previous, String(e.seq), String(e.revision), e.at, e.actor ?? "", e.gitCommit ?? "", e.action, e.target,
                      e.before ?? "\u{0}", e.after ?? "\u{0}"]
        return Digests.hex(fields.joined(separator: "\u{1F}"))
    }
}
