import OrgTreeCore

/// One subject's page: its org role and permissions, each project's role and permissions
/// with every chain, and why it has no access where it has none.
public struct SubjectReport: Sendable {
    /// Projects without access, for one reason, too many to list.
    public struct Unlisted: Sendable {
        public var count: Int
        public var reason: String
    }

    public var subject: Subject
    /// `First Last`, from the person's file.
    public var displayName: String
    public var file: String
    public var access: SubjectAccess
    /// The projects of each bulk grant, listed when few (same order as `access.elsewhere`).
    public var bulkProjects: [[String]?]
    /// Projects without access, each with why not.
    public var denied: [(project: String, reasons: [Reason])]
    public var unlisted: Unlisted?
}

extension AccessReport {
    /// The page of `subject`.
    public func subjectReport(_ subject: Subject) -> SubjectReport {
        let access = matrix.access(of: subject, at: day)
        let person = tree.person(subject)
        let bulk = access.elsewhere.map { $0.count <= limits.listed ? $0.projects : nil }
        var report = SubjectReport(subject: subject, displayName: person?.displayName ?? "", file: person?.file ?? subject.path,
                                   access: access, bulkProjects: bulk, denied: [])
        var held = Set(access.projects.map(\.project))
        if let token = access.token { held.insert(token.project) }
        let specific = Set(matrix.specificProjects(of: subject))
        // Members miss the projects whose default gives nothing, less those that name
        // them; owners and admins miss none; agency people and tokens miss every other.
        var without: [String]
        switch (subject, access.orgRole) {
        case (.person, .member?): without = (noDefaultRole + specific).filter { !held.contains($0) }
        case (.person, _): without = []
        default: without = projectIDs.filter { !held.contains($0) }
        }
        without = Array(Set(without)).sorted()
        let listAll = without.count <= limits.listed
        for project in without where listAll || specific.contains(project) {
            report.denied.append((project, reasons(subject, on: project)))
        }
        if !listAll {
            report.unlisted = SubjectReport.Unlisted(count: without.count - report.denied.count, reason: unlistedReason(subject))
        }
        return report
    }

    private func reasons(_ subject: Subject, on project: String) -> [Reason] {
        if case .token(let own, _) = subject {
            return [Reason("\(subject) belongs to \(own); a token never acts on another project")]
        }
        return engine.projectAccess(of: subject, on: project).reasons
    }

    private func unlistedReason(_ subject: Subject) -> String {
        switch subject {
        case .person(let id):
            "\(id) has no entry in their access, is in none of their teams, and their default is none"
        case .agencyPerson(let agency, let person):
            "no step of agency \(agency)'s handshake names \(person) there"
        case .token(let own, _):
            "a token acts on its own project (\(own)) only"
        }
    }
}
