import OrgTreeCore

/// A name given on the command line that the tree does not have, or that is not of the
/// form asked for (exit 2).
public struct LookupError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Subjects, projects and permissions named on the command line, checked against a tree.
public enum TreeLookup {
    public static func subject(_ text: String, in tree: OrgTree) throws(LookupError) -> Subject {
        guard let subject = Subject(text) else {
            throw LookupError("'\(text)' is not a subject; write a person (ann), an agency person (pixel/gus) or a token (token:shop/ci-deploy)")
        }
        let exists: Bool = switch subject {
        case .token(let project, let token): tree.token(project: project, id: token) != nil
        default: tree.person(subject) != nil
        }
        guard exists else { throw LookupError("there is no \(subject) in the tree (\(subject.path))" + tree.didYouMean(subject: subject)) }
        return subject
    }

    /// The project, when one is given; nil stays nil.
    public static func project(_ id: String?, in tree: OrgTree) throws(LookupError) -> String? {
        guard let id else { return nil }
        guard tree.projects[id] != nil else {
            throw LookupError("there is no project '\(id)' in the tree" + Suggestion.didYouMean(
                id, among: tree.projectIDs, otherwise: "; its projects: \(tree.projectIDs.joined(separator: ", "))"))
        }
        return id
    }

    /// The project of `--on`; a project permission asked of a person needs one.
    public static func project(_ id: String?, in tree: OrgTree, for capability: Capability, of subject: Subject) throws(LookupError) -> String? {
        if id == nil, case .project(let permission) = capability, subject.isPersonLike {
            throw LookupError("\(permission.rawValue) is a project permission; name the project with --on PROJECT (\(tree.projectIDs.joined(separator: ", ")))")
        }
        return try project(id, in: tree)
    }

    /// The environment of `--env`, when one is given, checked against the question: an
    /// org permission holds in no environment, and an environment can be asked about only
    /// on a project that has it (when there is a project).
    public static func environment(_ text: String?, for capability: Capability, on project: String?, in tree: OrgTree) throws(LookupError) -> Environment? {
        guard let text else { return nil }
        if case .org(let permission) = capability {
            throw LookupError("\(permission.rawValue) is an org permission; it holds in no environment: drop --env")
        }
        return try environment(text, on: project, in: tree)
    }

    /// The environment of `--env`, when one is given, checked against the project (when
    /// there is one).
    public static func environment(_ text: String?, on project: String?, in tree: OrgTree) throws(LookupError) -> Environment? {
        guard let text else { return nil }
        guard let environment = Environment(rawValue: text) else {
            throw LookupError("'\(text)' is not an environment; write one of \(Environment.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let problem = AccessEngine.missingEnvironment(environment, on: project, in: tree) { throw LookupError(problem) }
        return environment
    }

    public static func capability(_ text: String) throws(LookupError) -> Capability {
        guard let capability = Capability(text) else {
            throw LookupError("'\(text)' is not a permission or token scope" + Suggestion.didYouMean(
                text, among: Capability.allNames, otherwise: "; known: \(Capability.allNames.joined(separator: ", "))"))
        }
        return capability
    }

    /// A person of the organization or of an agency (for `--actor`).
    public static func personLike(_ text: String, option: String) throws(LookupError) -> Subject {
        guard let subject = Subject(text), subject.isPersonLike else {
            throw LookupError("\(option) takes a person (ann) or an agency person (pixel/gus), not '\(text)'")
        }
        return subject
    }
}
