import OrgTreeCore

/// Which entries of the audit log `orgtree audit log` reads.
public struct AuditFilter: Sendable, Equatable {
    /// Entries about this subject: its effective access (the entry's target is the
    /// subject) and the rows whose key names it (`people ann`, `project_people shop/ann`,
    /// `agency_roles helpdesk/pixel/gus`, `tokens shop/ci-deploy`).
    public var subject: Subject?
    /// Entries of applies made on this day (UTC) or later.
    public var since: Day?

    public init(subject: Subject? = nil, since: Day? = nil) {
        self.subject = subject
        self.since = since
    }

    /// Whether an entry's target is about `subject` (every entry when there is none).
    public func matches(target: String) -> Bool {
        guard let subject else { return true }
        if target == subject.description { return true }
        guard let space = target.firstIndex(of: " ") else { return false }
        // A row's key names the subject when the subject's ids stand in it in order, each
        // a whole part: pixel/gus in `activations pixel/helpdesk/gus`.
        var parts = target[target.index(after: space)...].split(separator: "/")[...]
        for id in Self.ids(subject) {
            guard let found = parts.firstIndex(where: { $0 == id }) else { return false }
            parts = parts[(found + 1)...]
        }
        return true
    }

    static func ids(_ subject: Subject) -> [String] {
        switch subject {
        case .person(let id): return [id]
        case .agencyPerson(let agency, let person): return [agency, person]
        case .token(let project, let token): return [project, token]
        }
    }

    /// The SQL condition (after WHERE) and its parameters, placeholders from 1. The
    /// subject's last id narrows the rows; `matches(target:)` decides.
    func condition(_ dialect: SQLDialect) -> (sql: String, parameters: [String?]) {
        var clauses: [String] = [], parameters: [String?] = []
        if let since {
            parameters.append(since.description)
            clauses.append("at >= \(dialect.placeholder(parameters.count))")
        }
        if let subject {
            // Ids hold only a-z, 0-9 and '-': nothing LIKE would read as a pattern.
            parameters.append("%" + Self.ids(subject).last! + "%")
            clauses.append("target LIKE \(dialect.placeholder(parameters.count))")
        }
        return (clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND "), parameters)
    }
}

extension StateStore {
    /// Calls `body` with each audit entry `filter` selects, oldest first, without holding
    /// the log in memory.
    public func forEachAuditEntry(_ filter: AuditFilter = AuditFilter(), _ body: (AuditEntry) throws -> Void) throws {
        if missing { return }
        try session { s in
            guard try StateSchema.version(s) > 0 else { return }
            let (condition, parameters) = filter.condition(s.dialect)
            try s.forEachRow("SELECT \(AuditEntry.selectColumns) FROM audit_log WHERE \(condition) ORDER BY audit_log.seq", parameters) { row in
                let entry = AuditEntry(row: row)
                if filter.matches(target: entry.target) { try body(entry) }
            }
        }
    }

    /// The audit entries `filter` selects, oldest first.
    public func auditEntries(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        try forEachAuditEntry(filter) { entries.append($0) }
        return entries
    }
}
