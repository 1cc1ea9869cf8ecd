import OrgTreeCore

/// One entry of the append-only audit log.
struct AuditEntry {
    var seq: Int
    var revision: Int
    var at: String
    var actor: String?
    var gitCommit: String?
    var action: String
    var target: String
    var before: String?
    var after: String?
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
