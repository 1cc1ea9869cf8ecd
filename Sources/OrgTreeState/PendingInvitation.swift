import OrgTreeCore

/// A person `apply` added to the store who has not accepted the platform's invitation yet
/// (`people.invitation = 'invited'`).
public struct PendingInvitation: Sendable, Equatable {
    public var person: String
    public var email: String
    /// When `apply` recorded the invitation (UTC, ISO 8601).
    public var invitedAt: String

    /// Whole days from the invitation to `day` (nil when the time cannot be read).
    public func age(on day: Day) -> Int? {
        Day(String(invitedAt.prefix(10))).map { day.days(since: $0) }
    }
}
