import OrgTreeCore

/// A diff report's sections, computed once for every format and shown by each in this
/// order: NEW's failing assertions (when they are all that keeps NEW from validating),
/// the changes the actor may not make alone (with `--actor`), the changes not approved
/// (with `--approved-by`), the high-risk changes (and the graph of their paths), access by subject, default roles,
/// entities. Empty sections are left out (but the actor's and the approvers', which then
/// say the actor may make every change alone, or that every change is approved).
public struct DiffReport: Sendable {
    public struct SubjectChanges: Sendable {
        public var subject: Subject
        public var renamedFrom: Subject?
        public var changes: [DiffChange]
    }

    public enum Section: Sendable {
        case failingAssertions([Diagnostic])
        case actorFlagged(actor: Subject, [DiffChange])
        case unapproved(DiffApproval, [DiffChange])
        case highRisk([DiffChange])
        case subjects([SubjectChanges])
        case defaultRoles([DiffChange])
        case entities([DiffChange])
    }

    public var header: DiffHeader
    public var diff: TreeDiff
    /// NEW's `assertion-failed` errors (empty when NEW validates).
    public var failingAssertions: [Diagnostic]
    public var sections: [Section]
    /// "3 subjects gain access, 1 loses access, … (9 changes: …)"
    public var summaryLine: String
    /// The access paths of the high-risk changes (nil when there is none), bounded by
    /// `DiffGraph.maxNodes`.
    public var highRiskGraph: DiffGraph?

    public init(_ diff: TreeDiff, _ header: DiffHeader, failingAssertions: [Diagnostic] = []) {
        self.header = header
        self.diff = diff
        self.failingAssertions = failingAssertions
        summaryLine = DiffWording.summaryLine(diff)
        var sections: [Section] = []
        if !failingAssertions.isEmpty { sections.append(.failingAssertions(failingAssertions)) }
        if let actor = diff.actor {
            sections.append(.actorFlagged(actor: actor, diff.flagged))
        }
        if let approval = diff.approval {
            sections.append(.unapproved(approval, diff.unapproved))
        }
        let high = diff.prioritized.filter { $0.risk == .high }
        if !high.isEmpty {
            sections.append(.highRisk(high))
            let graph = DiffGraph(high)
            highRiskGraph = graph.graph.isEmpty ? nil : graph
        }
        let groups = Self.subjectGroups(diff)
        if !groups.isEmpty { sections.append(.subjects(groups)) }
        let defaults = TreeDiff(changes: diff.changes.filter {
            if case .defaultRole = $0.detail { return true } else { return false }
        }).prioritized
        if !defaults.isEmpty { sections.append(.defaultRoles(defaults)) }
        let entities = TreeDiff(changes: diff.changes.filter(\.isEntity)).prioritized
        if !entities.isEmpty { sections.append(.entities(entities)) }
        self.sections = sections
    }

    /// Subjects with high-risk changes first, then those losing something, then those
    /// with medium-risk changes, then the rest.
    static func subjectGroups(_ diff: TreeDiff) -> [SubjectChanges] {
        var groups: [Subject: [DiffChange]] = [:]
        var order: [Subject] = []
        for change in diff.changes where !change.isEntity {
            guard let subject = change.subject else { continue }
            if groups[subject] == nil { order.append(subject) }
            groups[subject, default: []].append(change)
        }
        func rank(_ changes: [DiffChange]) -> (Int, Int, Int) {
            (changes.contains { $0.risk == .high } ? 1 : 0, changes.contains(where: \.losesSomething) ? 1 : 0,
             changes.map(\.risk.rawValue).max() ?? 0)
        }
        // Ranked once per subject, then sorted by index: comparing moves no change.
        let ranks = order.map { rank(groups[$0]!) }
        let ranked = order.indices.sorted { a, b in ranks[a] != ranks[b] ? ranks[a] > ranks[b] : a < b }
        return ranked.map { index in
            let subject = order[index]
            let changes = TreeDiff(changes: groups[subject]!).prioritized
            return SubjectChanges(subject: subject, renamedFrom: changes.first { $0.renamedFrom != nil }?.renamedFrom,
                                  changes: changes)
        }
    }
}
