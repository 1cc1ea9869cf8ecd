import OrgTreeCore

/// `effective`: whose access to show (everyone, one person, one subject), on every project
/// or one, on a day; each subject's access comes from the grouped access matrix, indexed
/// for the one subject asked about when there is one.
public struct EffectiveQuery: Sendable {
    public enum Selection: Sendable {
        case everyone
        /// A person of the organization (`--person`).
        case person(String)
        /// Any subject: a person, an agency person or a token (`--subject`).
        case subject(String)
    }

    public var subjects: [Subject]
    public var project: String?
    public var day: Day
    let matrix: AccessMatrix
    let engine: AccessEngine

    public init(_ result: ValidationResult, selection: Selection, project: String?, day: Day) throws(LookupError) {
        self.project = try TreeLookup.project(project, in: result.tree)
        self.day = day
        engine = result.engine
        switch selection {
        case .everyone:
            subjects = result.tree.subjects
        case .person(let text):
            let subject = try TreeLookup.subject(text, in: result.tree)
            guard case .person = subject else {
                throw LookupError("--person takes a person of the organization; use --subject for \(text)")
            }
            subjects = [subject]
        case .subject(let text):
            subjects = [try TreeLookup.subject(text, in: result.tree)]
        }
        if case .everyone = selection {
            matrix = AccessMatrix(engine: result.engine)
        } else {
            matrix = AccessMatrix(engine: result.engine, for: subjects)
        }
    }

    /// A subject's access (on the project, when one is asked about).
    public func access(of subject: Subject) -> SubjectAccess {
        if let project { return matrix.access(of: subject, on: project, at: day) }
        return matrix.access(of: subject, at: day)
    }

    /// Each project's default setting, stated once so that bulk grants need not list
    /// their projects; none when one project is asked about.
    public var projectDefaults: [String: String] {
        guard project == nil else { return [:] }
        return Dictionary(uniqueKeysWithValues: engine.tree.projectIDs.map { ($0, engine.defaultSetting(on: $0).setting.description) })
    }

    /// The subjects to show as text: on one project, those without access there are left
    /// out when several are shown.
    public func shown(_ access: SubjectAccess) -> Bool {
        !(project != nil && subjects.count > 1 && access.projects.isEmpty && access.token == nil)
    }
}
