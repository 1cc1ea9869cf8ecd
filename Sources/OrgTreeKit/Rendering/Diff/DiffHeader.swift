import OrgTreeCore

public enum DiffFormat: String, CaseIterable, Sendable {
    case text, markdown, json
}

/// What a diff report is about: the two trees as given, and the evaluation day.
public struct DiffHeader: Sendable {
    public var old: String
    public var new: String
    public var day: Day

    public init(old: String, new: String, day: Day) {
        self.old = old
        self.new = new
        self.day = day
    }
}
