import OrgTreeCore

/// `codeowners`: who reviews a change to each part of the tree, as the rules of a GitHub
/// CODEOWNERS file with the owners' e-mail addresses (README, "Set up a repository"):
///
/// - `organization.yaml`, `people/`, `teams/`, `assertions/`, and `projects/` and
///   `partners/` as a whole (a new project or agency folder): the org's owners and admins;
/// - `projects/X/`: X's effective owners (persons whose role there is owner, org owners
///   and admins included; agency people are never owners, tokens hold no role);
/// - `partners/A/`: the holders of the org permission `partners.manage`;
///   `partners/A/partner.yaml`, where the agency's owner writes the activations, those
///   holders and the agency's owner.
///
/// GitHub applies the last rule that matches a path, so the rules go from general to
/// specific: `/projects/` before `/projects/shop/`.
public struct CodeOwners: Sendable {
    public struct Rule: Sendable, Equatable {
        /// A path pattern rooted at the repository (`/org/projects/shop/`).
        public var pattern: String
        /// E-mail addresses, sorted, each once.
        public var owners: [String]
    }

    /// The tree's folder inside the repository, `org/` (empty at the repository's root).
    public var prefix: String
    public var rules: [Rule]

    public init(_ result: ValidationResult, prefix: String?, at day: Day) throws(LookupError) {
        let prefix = try Self.normalized(prefix: prefix)
        self.prefix = prefix
        let tree = result.tree, engine = result.engine
        func emails(_ people: some Sequence<Subject>) -> [String] {
            Set(people.compactMap { tree.person($0)?.email?.value }).sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
        }
        let persons = tree.personIDs.map(Subject.person)
        let orgOwners = emails(persons.filter { engine.orgRoleOnly(of: $0.description)?.isProjectOwnerEverywhere == true })
        let partnerManagers = persons.filter { engine.orgPermissions(of: $0)[.partnersManage] != nil }

        var rules = ["organization.yaml", "people/", "teams/", "assertions/", "projects/"].map { Rule(pattern: $0, owners: orgOwners) }
        let projectOwners = Self.projectOwners(engine, at: day)
        for project in tree.projectIDs {
            rules.append(Rule(pattern: "projects/\(project)/", owners: emails(projectOwners[project] ?? [])))
        }
        rules.append(Rule(pattern: "partners/", owners: emails(partnerManagers)))
        for agency in tree.partnerIDs {
            rules.append(Rule(pattern: "partners/\(agency)/", owners: emails(partnerManagers)))
            let owner = tree.partners[agency]?.owner.map { Subject.agencyPerson(agency: agency, person: $0.value) }
            rules.append(Rule(pattern: "partners/\(agency)/partner.yaml", owners: emails(partnerManagers + [owner].compactMap { $0 })))
        }
        self.rules = rules.map { Rule(pattern: "/" + prefix + $0.pattern, owners: $0.owners) }
    }

    /// Each project's owners among the persons of the organization, from each person's
    /// access (their own grants and the bulk ones), so linear in people and projects.
    static func projectOwners(_ engine: AccessEngine, at day: Day) -> [String: [Subject]] {
        let matrix = AccessMatrix(engine: engine)
        var owners: [String: [Subject]] = [:]
        for id in engine.tree.personIDs {
            let subject = Subject.person(id)
            let access = matrix.access(of: subject, at: day)
            for grant in access.projects where grant.role == .owner { owners[grant.project, default: []].append(subject) }
            for bulk in access.elsewhere where bulk.role == .owner {
                for project in bulk.projects { owners[project, default: []].append(subject) }
            }
        }
        return owners
    }

    /// `org`, `./org/`, `/org` → `org/`; nothing or `.` → empty. A pattern cannot hold
    /// white space or the characters CODEOWNERS gives a meaning.
    static func normalized(prefix: String?) throws(LookupError) -> String {
        let parts = (prefix ?? "").split(separator: "/").filter { $0 != "." }
        if parts.contains("..") { throw LookupError("--prefix is a folder inside the repository, without '..'") }
        if let bad = parts.joined().first(where: { $0.isWhitespace || "#\\*?[]!".contains($0) }) {
            throw LookupError("--prefix cannot hold '\(bad)': in CODEOWNERS, white space ends a pattern and # \\ * ? [ ] ! have a meaning")
        }
        return parts.map { $0 + "/" }.joined()
    }
}

extension CodeOwners.Rule {
    /// The rule as one line, its words separated by one space.
    public var line: String { ([pattern] + owners).joined(separator: " ") }
}

extension CodeOwners {
    /// A line of a CODEOWNERS file that differs from these rules: one to remove, or one to add.
    public struct Difference: Sendable, Equatable {
        public var added: Bool
        public var line: String

        public init(added: Bool, line: String) {
            self.added = added
            self.line = line
        }
    }

    /// How a CODEOWNERS file's rules differ from these, in order (the file's lines to
    /// remove, then the lines to add); empty when it is current. Comments and blank lines
    /// do not count, nor the amount of white space between a rule's words, since GitHub
    /// reads neither; the order of the rules does (the last match wins).
    public func differences(from existing: String) -> [Difference] {
        let old = existing.split(whereSeparator: \.isNewline).compactMap { raw -> String? in
            let words = raw.split(whereSeparator: \.isWhitespace)
            guard let first = words.first, !first.hasPrefix("#") else { return nil }
            return words.joined(separator: " ")
        }
        let diff = rules.map(\.line).difference(from: old)
        let removed = diff.removals.map { change -> (Int, String) in
            guard case .remove(let offset, let line, _) = change else { preconditionFailure() }
            return (offset, line)
        }
        let inserted = diff.insertions.map { change -> (Int, String) in
            guard case .insert(let offset, let line, _) = change else { preconditionFailure() }
            return (offset, line)
        }
        return removed.sorted { $0.0 < $1.0 }.map { Difference(added: false, line: $0.1) }
            + inserted.sorted { $0.0 < $1.0 }.map { Difference(added: true, line: $0.1) }
    }
}
