import OrgTreeCore
import OrgTreeKit

/// `orgtree invitations`: the people invited and not yet accepted, with their age.
public enum InvitationRendering {
    public static func text(_ invitations: [PendingInvitation], store: StateURL, on day: Day) -> String {
        guard !invitations.isEmpty else { return "No pending invitations in \(store).\n" }
        let width = invitations.map(\.person.count).max() ?? 0
        var out = "\(counted(invitations.count, "pending invitation")) in \(store) (on \(day)):\n"
        for i in invitations {
            let age = i.age(on: day).map { $0 == 1 ? "1 day" : "\($0) days" } ?? "age unknown"
            let t: (String) -> String = TerminalText.escaped
            out += "  \(t(i.person) + String(repeating: " ", count: width - i.person.count))  \(t(i.email))  invited \(t(i.invitedAt)) (\(age))\n"
        }
        return out
    }

    /// `{"at", "format_version", "invitations": [{"age_days", "email", "invited_at",
    /// "person"}], "store"}`.
    public static func json(_ invitations: [PendingInvitation], store: StateURL, on day: Day) -> String {
        JSONValue.object([
            "format_version": 1, "store": .string(store.description), "at": .string(day.description),
            "invitations": .array(invitations.map { i in
                ["person": .string(i.person), "email": .string(i.email), "invited_at": .string(i.invitedAt),
                 "age_days": i.age(on: day).map(JSONValue.int) ?? .null]
            }),
        ]).document()
    }
}
