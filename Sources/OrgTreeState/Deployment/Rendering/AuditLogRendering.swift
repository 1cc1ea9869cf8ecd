import OrgTreeCore
import OrgTreeKit

/// `orgtree audit log`: the audit entries a filter selects, oldest first, streamed (a
/// first apply of a large organization writes tens of thousands of entries).
public struct AuditLogRendering {
    public enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    let format: Format
    let store: StateURL
    let filter: AuditFilter
    let palette: Palette
    private var count = 0
    private var json = JSONWriter()

    public init(_ format: Format, store: StateURL, filter: AuditFilter, palette: Palette = .plain) {
        (self.format, self.store, self.filter, self.palette) = (format, store, filter, palette)
    }

    /// The start of the report.
    public mutating func begin() -> String {
        guard format == .json else { return "" }
        json.openObject()
        json.key("entries")
        json.openArray()
        return json.take()
    }

    /// One entry. Text: `SEQ AT revision N [by ACTOR] [at COMMIT]: ACTION TARGET`, then
    /// its `before` and `after`, indented.
    public mutating func entry(_ e: AuditEntry) -> String {
        count += 1
        guard format == .text else {
            json.value(Self.json(e))
            return json.take()
        }
        // What the store holds is shown through `TerminalText`: one entry, its lines only.
        let t: (String) -> String = TerminalText.escaped
        let who = (e.actor.map { " by \(t($0))" } ?? "") + (e.gitCommit.map { " at \(t(String($0.prefix(12))))" } ?? "")
        var out = "\(palette.dim("\(e.seq)  \(t(e.at))  revision \(e.revision)\(who)")): \(palette.bold(t(e.action))) \(t(e.target))\n"
        if let before = e.before { out += "    \(palette.dim("before")) \(t(before))\n" }
        if let after = e.after { out += "    \(palette.dim("after")) \(t(after))\n" }
        return out
    }

    /// The end of the report: a summary line (text), the document's other keys (JSON).
    public mutating func end() -> String {
        let selection = [filter.subject.map { "subject \($0)" }, filter.since.map { "since \($0)" }].compactMap { $0 }
        guard format == .json else {
            let about = selection.isEmpty ? "" : " (\(selection.joined(separator: ", ")))"
            return count == 0 ? "No audit entries in \(store)\(about).\n" : "\(counted(count, "audit entry", plural: "audit entries")) in \(store)\(about)\n"
        }
        json.closeContainer()
        json.key("format_version"); json.int(1)
        json.key("since"); json.optional(filter.since?.description)
        json.key("store"); json.string(store.description)
        json.key("subject"); json.optional(filter.subject?.description)
        json.closeContainer()
        json.end()
        return json.take()
    }

    /// `{"action", "actor", "after", "at", "before", "git_commit", "revision", "seq",
    /// "target"}`, absent values null.
    static func json(_ e: AuditEntry) -> JSONValue {
        ["seq": .int(e.seq), "revision": .int(e.revision), "at": .string(e.at), "actor": .optional(e.actor),
         "git_commit": .optional(e.gitCommit), "action": .string(e.action), "target": .string(e.target),
         "before": .optional(e.before), "after": .optional(e.after)]
    }
}
