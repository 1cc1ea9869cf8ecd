import OrgTreeCore

/// `orgtree diff`: both trees read, NEW validated, then compared.
public enum TreeComparison {
    public enum Outcome: Sendable {
        /// NEW does not validate for other reasons than failing assertions: its report,
        /// paths prefixed with NEW's name.
        case newInvalid(ValidationReport)
        /// `failingAssertions`: NEW's `assertion-failed` errors when those are its only
        /// errors; the diff is computed anyway, so that reviewers see what the change does.
        case compared(TreeDiff, oldErrors: Int, failingAssertions: [Diagnostic])
    }

    /// Reads OLD and NEW, validates NEW (every rule and its assertions, on `day`) and
    /// compares them. OLD is not validated beyond reading: it is the state the change
    /// starts from. A NEW that is valid but for failing assertions is compared too.
    /// With `actor`, each change the actor may not make alone is marked; with
    /// `approvedBy` (ids or e-mails of people), each change gets its verdict for those
    /// approvers. `validator` checks NEW.
    public static func run(old: TreeSource, new: TreeSource, day: Day, actor: Subject? = nil, approvedBy: [String]? = nil,
                           reader: TreeReader = TreeReader(), directory: String? = nil,
                           validator: Validator = Validator()) throws(TreeReadError) -> Outcome {
        let before = try hinted(old) { () throws(TreeReadError) in try old.load(reader: reader, directory: directory) }
        let after = try hinted(new) { () throws(TreeReadError) in
            try CheckedTree.read(new, at: day, reader: reader, directory: directory, validator: validator)
        }
        let errors = after.result.diagnostics.filter { $0.severity == .error }
        guard errors.allSatisfy({ $0.rule == .assertionFailed }) else { return .newInvalid(after.report.prefixingPaths()) }
        let validation = after.result
        if let actor, before.tree.person(actor) == nil, validation.tree.person(actor) == nil {
            throw TreeReadError("--actor \(actor) is a person of neither tree" + validation.tree.didYouMean(subject: actor))
        }
        let engine = AccessEngine(tree: before.tree)
        var diff = TreeDiffer(old: engine, new: validation.engine, day: day, workers: reader.workers).diff()
        if let actor { diff = diff.checked(actor: actor, against: engine) }
        if let approvedBy {
            let (approvers, unknown) = try approvers(approvedBy, old: before.tree, new: validation.tree)
            diff = diff.checked(approvedBy: approvers, unknown: unknown, against: engine)
        }
        return .compared(diff, oldErrors: before.diagnostics.count { $0.severity == .error }, failingAssertions: errors)
    }

    /// `--approved-by`'s names as people of OLD: an id (`ann`, `pixel/gus`) or an e-mail,
    /// matched case-insensitively with OLD's people and agency people. An e-mail nobody
    /// in OLD has is kept as an approver without rights (a reviewer outside the
    /// organization); an id that is a person of neither tree is an error (a typo).
    static func approvers(_ names: [String], old: OrgTree, new: OrgTree) throws(TreeReadError) -> ([Subject], [String]) {
        var byEmail: [String: Subject] = [:]
        for subject in old.subjects {
            if let email = old.person(subject)?.email?.value.lowercased(), byEmail[email] == nil { byEmail[email] = subject }
        }
        var approvers: [Subject] = [], unknown: [String] = []
        for name in names {
            if name.contains("@") {
                if let subject = byEmail[name.lowercased()] {
                    if !approvers.contains(subject) { approvers.append(subject) }
                } else if !unknown.contains(name.lowercased()) {
                    unknown.append(name.lowercased())
                }
                continue
            }
            guard let subject = Subject(name), subject.isPersonLike else {
                throw TreeReadError("--approved-by takes people (ann), agency people (pixel/gus) or e-mails, not '\(name)'")
            }
            if old.person(subject) == nil, new.person(subject) == nil {
                throw TreeReadError("--approved-by \(subject) is a person of neither tree" + new.didYouMean(subject: subject))
            }
            if !approvers.contains(subject) { approvers.append(subject) }
        }
        return (approvers, unknown)
    }

    /// A side named like a revision but read as a missing folder (`main` for `main:`)
    /// says how to name a revision.
    static func hinted<T>(_ source: TreeSource, _ body: () throws(TreeReadError) -> T) throws(TreeReadError) -> T {
        do {
            return try body()
        } catch {
            guard case .folder(let path) = source, !TreeSource.isFolder(path), !path.contains("/") else { throw error }
            throw TreeReadError("no such folder '\(path)'; for a Git revision write \(path):PATH (\(path): for the repository's root)")
        }
    }
}
