/// The parsed documents of a tree, one type per file kind. Every value keeps the place
/// it was written, so rules and provenance can point at it. Optional fields are nil
/// when the key is absent (or when its value was unreadable; that was reported).

/// `organization.yaml`
public struct OrganizationDocument: Sendable {
    public struct Plan: Sendable {
        public var name: Located<String>?
        public var projects: Located<Int>?
        public var extraProjects: Located<Int>?
        public var agreement: Located<Agreement>?
        public var location: SourceLocation

        /// `projects + extraProjects`; nil under an enterprise agreement that writes neither
        /// (no limit, docs/tree-format.md). Outside one an absent `projects` counts as 0.
        public var projectLimit: Int? {
            if isEnterprise && projects == nil && extraProjects == nil { return nil }
            return (projects?.value ?? 0) + (extraProjects?.value ?? 0)
        }
        public var isEnterprise: Bool { agreement?.value == .enterprise }
    }

    public struct Billing: Sendable {
        public var paymentMethod: Located<PaymentMethod>?
        public var invoiceEmail: Located<String>?
        public var location: SourceLocation
    }

    public var file: String
    public var id: Located<String>?
    public var name: Located<String>?
    public var createdBy: Located<String>?
    public var plan: Plan?
    public var billing: Billing?
    public var owners: [Located<String>] = []
    public var admins: [Located<String>] = []
    /// Single org grants: permission (where written) → people.
    public var permissions: [(permission: Located<OrgPermission>, people: [Located<String>])] = []
    public var defaultProjectRole: Located<RoleSetting>?
    /// Where `roles` was written, or the file start.
    public var rolesLocation: SourceLocation
    /// Where the keys `plan` and `roles.owners` were written.
    public var planKeyLocation: SourceLocation?
    public var ownersKeyLocation: SourceLocation?

    public init(file: String) {
        self.file = file
        self.rolesLocation = .start(of: file)
    }
}

/// `people/<id>.yaml` and `partners/<agency>/people/<id>.yaml`
///
/// A value type whose fields live in one shared, copy-on-write box: the tree holds a
/// person in several places at once (by id, in file order, in the parsed file), and a
/// copy costs a reference, not the fields (a tree may hold 100,000 people). Every field
/// is written in the person's own file, so the box keeps each field's line and column
/// and the file once.
public struct PersonDocument: Sendable {
    /// Where in the person's file something was written.
    private struct Mark: Sendable {
        var line: UInt32
        var column: UInt32

        init(_ location: SourceLocation) {
            line = UInt32(clamping: location.line)
            column = UInt32(clamping: location.column)
        }

        func location(in file: String) -> SourceLocation {
            SourceLocation(file: file, line: Int(line), column: Int(column))
        }
    }

    /// A field's value and where in the person's file it was written.
    private struct Spot<Value: Sendable>: Sendable {
        var value: Value
        var mark: Mark

        init(_ located: Located<Value>) {
            value = located.value
            mark = Mark(located.location)
        }

        func located(in file: String) -> Located<Value> {
            Located(value, at: mark.location(in: file))
        }
    }

    private final class Fields: @unchecked Sendable {
        // Mutated only through `unique()` below, while uniquely referenced.
        var subject: Subject
        var file: String
        var firstName: Spot<String>?
        var lastName: Spot<String>?
        var email: Spot<String>?
        var tfaMethod: Spot<TFAMethod>?
        var mobile: Spot<String>?
        var facebookID: Spot<String>?
        var slackID: Spot<String>?
        var jobTitle: Spot<String>?
        var tfaLocation: Mark?

        init(subject: Subject, file: String) {
            self.subject = subject
            self.file = file
        }

        func copy() -> Fields {
            let copy = Fields(subject: subject, file: file)
            copy.firstName = firstName
            copy.lastName = lastName
            copy.email = email
            copy.tfaMethod = tfaMethod
            copy.mobile = mobile
            copy.facebookID = facebookID
            copy.slackID = slackID
            copy.jobTitle = jobTitle
            copy.tfaLocation = tfaLocation
            return copy
        }
    }

    private var box: Fields

    public init(subject: Subject, file: String) {
        box = Fields(subject: subject, file: file)
    }

    /// The box, copied first when another value shares it (copy on write).
    private mutating func unique() -> Fields {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    public var subject: Subject {
        get { box.subject }
        set { unique().subject = newValue }
    }
    /// The person's file; every field's location is in it (setting a field keeps only
    /// its line and column).
    public var file: String {
        get { box.file }
        set { unique().file = newValue }
    }
    public var firstName: Located<String>? {
        get { box.firstName.map { $0.located(in: box.file) } }
        set { unique().firstName = newValue.map(Spot.init) }
    }
    public var lastName: Located<String>? {
        get { box.lastName.map { $0.located(in: box.file) } }
        set { unique().lastName = newValue.map(Spot.init) }
    }
    public var email: Located<String>? {
        get { box.email.map { $0.located(in: box.file) } }
        set { unique().email = newValue.map(Spot.init) }
    }
    public var tfaMethod: Located<TFAMethod>? {
        get { box.tfaMethod.map { $0.located(in: box.file) } }
        set { unique().tfaMethod = newValue.map(Spot.init) }
    }
    public var mobile: Located<String>? {
        get { box.mobile.map { $0.located(in: box.file) } }
        set { unique().mobile = newValue.map(Spot.init) }
    }
    public var facebookID: Located<String>? {
        get { box.facebookID.map { $0.located(in: box.file) } }
        set { unique().facebookID = newValue.map(Spot.init) }
    }
    public var slackID: Located<String>? {
        get { box.slackID.map { $0.located(in: box.file) } }
        set { unique().slackID = newValue.map(Spot.init) }
    }
    public var jobTitle: Located<String>? {
        get { box.jobTitle.map { $0.located(in: box.file) } }
        set { unique().jobTitle = newValue.map(Spot.init) }
    }
    public var tfaLocation: SourceLocation? {
        get { box.tfaLocation.map { $0.location(in: box.file) } }
        set { unique().tfaLocation = newValue.map(Mark.init) }
    }

    public var id: String {
        switch subject {
        case .person(let id), .agencyPerson(_, let id), .token(_, let id): return id
        }
    }

    public var displayName: String {
        [firstName?.value, lastName?.value].compactMap { $0 }.joined(separator: " ")
    }
}

/// `teams/<id>.yaml`
public struct TeamDocument: Sendable {
    public var id: String
    public var file: String
    public var name: Located<String>?
    public var members: [Located<String>] = []
    public var includes: [Located<String>] = []

    public init(id: String, file: String) {
        self.id = id
        self.file = file
    }
}

/// `projects/<id>/project.yaml`
public struct ProjectDocument: Sendable {
    public struct TemplateGrant: Sendable {
        public var person: Located<String>
        public var role: Located<TemplateRole>?
        public var templates: [Located<String>]
        /// Where `templates` was written (or the entry itself when absent).
        public var templatesLocation: SourceLocation
    }

    public struct PartnerAccess: Sendable {
        public var agency: Located<String>
        public var enabled: Located<Bool>?
        /// `<agency>/<person>` → role, as written.
        public var people: [(subject: Located<String>, role: Located<ProjectRole>)]
    }

    public var id: String
    public var file: String
    public var name: Located<String>?
    public var environments: [Located<Environment>] = []
    /// The templates the project declares (`templates`); template roles may name only these.
    public var declaredTemplates: [Located<String>] = []
    public var accessDefault: Located<RoleSetting>?
    public var people: [(person: Located<String>, setting: Located<RoleSetting>)] = []
    public var teams: [(team: Located<String>, role: Located<ProjectRole>)] = []
    public var templates: [TemplateGrant] = []
    public var handoverSlack: Located<Bool>?
    public var handoverAgents: [Located<String>] = []
    public var facebookAdmins: [Located<String>] = []
    public var partners: [PartnerAccess] = []

    public init(id: String, file: String) {
        self.id = id
        self.file = file
    }

    public func hasEnvironment(_ environment: Environment) -> Bool {
        environments.contains { $0.value == environment }
    }

    /// The subjects (as `Subject.description`) this project names in its own access:
    /// entries, template grants, handover agents, Facebook admins and partner roles. Teams
    /// (through their members) and agency activations name subjects too, elsewhere.
    public var namedSubjects: [String] {
        people.map(\.person.value) + templates.map(\.person.value) + handoverAgents.map(\.value)
            + facebookAdmins.map(\.value) + partners.flatMap { $0.people.map(\.subject.value) }
    }
}

/// One token of `projects/<id>/tokens.yaml`
public struct TokenDocument: Sendable {
    public var project: String
    public var id: Located<String>
    public var owner: Located<String>?
    public var environment: Located<Environment>?
    public var scopes: [Located<TokenScope>] = []
    public var expires: Located<Day>?

    public var subject: Subject { .token(project: project, token: id.value) }
}

/// `partners/<id>/partner.yaml`
public struct PartnerDocument: Sendable {
    public var id: String
    public var file: String
    public var name: Located<String>?
    public var status: Located<PartnerStatus>?
    public var owner: Located<String>?
    /// project (where written) → bare agency person ids.
    public var activations: [(project: Located<String>, people: [Located<String>])] = []

    public init(id: String, file: String) {
        self.id = id
        self.file = file
    }
}

/// One entry of an `assertions/<name>.yaml` list.
public struct Assertion: Sendable {
    public enum Expectation: String, Sendable { case can, cannot }

    public var file: String
    public var expectation: Expectation
    public var subject: Located<Subject>
    public var capability: Located<Capability>
    public var project: Located<String>?
    /// `env`: the environment asked about (a token holds its scopes in its own only).
    public var environment: Located<Environment>?
    /// Where the entry starts.
    public var location: SourceLocation
}
