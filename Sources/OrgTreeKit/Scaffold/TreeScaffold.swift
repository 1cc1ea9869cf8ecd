import OrgTreeCore

/// The files of a new tree's repository (`orgtree init`): the organization and its first
/// owner, a commented example of every other file kind that grants nothing, the CI
/// workflow, the pre-commit hook, and the JSON Schemas with the editor's mapping.
///
/// The team and the assertion examples are real files (a team without members grants
/// nothing; an assertion only checks). The project, tokens and agency examples end in
/// `.example`, which orgtree does not read: a project or an agency counts and is applied
/// as soon as it exists. Renamed to `.yaml`, they validate as they stand.
public struct TreeScaffold: Sendable {
    public var organization: String
    public var organizationName: String
    public var owner: String
    public var ownerEmail: String
    public var ownerFirstName: String
    public var ownerLastName: String
    /// The day the example token's expiry is counted from (a year later).
    public var today: Day

    /// Where the schemas go, relative to the repository: the editor settings and the
    /// modelines point there, so the mapping holds wherever the repository is checked out.
    public static let schemaFolder = ".orgtree/schemas"

    public init(organization: String, organizationName: String? = nil, owner: String, ownerEmail: String,
                ownerFirstName: String, ownerLastName: String, today: Day) {
        self.organization = organization
        self.organizationName = organizationName ?? organization
        self.owner = owner
        self.ownerEmail = ownerEmail
        self.ownerFirstName = ownerFirstName
        self.ownerLastName = ownerLastName
        self.today = today
    }

    /// What stops the scaffold from validating, if anything: ids and the e-mail address.
    public func problems() -> [String] {
        var out: [String] = []
        if !Identifier.isValid(organization) { out.append("--org '\(organization)' is not an id (\(Identifier.pattern))") }
        if !Identifier.isValid(owner) { out.append("--owner '\(owner)' is not an id (\(Identifier.pattern))") }
        if !InvalidEmailRule.isPlausible(ownerEmail) { out.append("--email '\(ownerEmail)' is not a valid e-mail address") }
        return out
    }

    /// A person's first and last name from their e-mail address (`ann.berger@…`) or id
    /// (`ann-berger`), when either has two parts or more.
    public static func names(owner: String, email: String) -> (first: String, last: String)? {
        let local = email.split(separator: "@").first.map(String.init) ?? ""
        for text in [local, owner] {
            let parts = text.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            if parts.count >= 2, parts.allSatisfy({ $0.first?.isLetter == true }) {
                return (parts[0], parts.dropFirst().joined(separator: " "))
            }
        }
        return nil
    }

    /// Every file, path relative to the repository, in a stable order.
    public var files: [(path: String, text: String)] {
        var out: [(path: String, text: String)] = [
            ("organization.yaml", organizationFile),
            ("people/\(owner).yaml", ownerFile),
            ("teams/example.yaml", teamFile),
            ("assertions/example.yaml", assertionsFile),
            ("projects/example/project.yaml.example", projectFile),
            ("projects/example/tokens.yaml.example", tokensFile),
            ("partners/example-agency/partner.yaml.example", partnerFile),
            ("partners/example-agency/people/example-person.yaml.example", agencyPersonFile),
            (".github/workflows/orgtree.yml", Self.workflow),
            (".pre-commit-config.yaml", preCommitFile),
            (".vscode/settings.json", editorSettings),
        ]
        out += BundledFiles.schemas.map { (path: "\(Self.schemaFolder)/\($0.name)", text: $0.text) }
        return out
    }

    /// What `write(into:force:)` did: the files written and those already there.
    public struct Written: Sendable {
        public var written: [String]
        public var kept: [String]
        /// The folder held a tree (organization.yaml), left as it was: only the
        /// repository's files were written.
        public var besideTree: Bool
    }

    /// Writes the files into `folder`: new, empty, or holding only a new Git repository;
    /// with `force` any folder, never replacing a file, and beside a tree that is there
    /// already only the repository's files (CI, pre-commit, editor, schemas), so that the
    /// tree stays as it is.
    public func write(into folder: String, force: Bool) throws(FolderWriter.Failure) -> Written {
        if !force { try FolderWriter.requireEmpty(folder, for: "init", ignoring: [".git"], otherwise: "; --force adds the files it lacks") }
        let besideTree = FolderWriter.absent([(path: "organization.yaml", text: "")], in: folder).isEmpty
        let candidates = besideTree ? files.filter { $0.path.hasPrefix(".") } : files
        let absent = FolderWriter.absent(candidates, in: folder)
        try FolderWriter.write(absent, into: folder)
        let written = absent.map(\.path)
        return Written(written: written, kept: candidates.map(\.path).filter { !written.contains($0) }, besideTree: besideTree)
    }

    /// Which schema checks which files (globs from the repository's root).
    public static let schemaMapping: [(schema: String, files: [String])] = [
        ("organization.schema.json", ["/organization.yaml"]),
        ("person.schema.json", ["/people/*.yaml", "/partners/*/people/*.yaml"]),
        ("team.schema.json", ["/teams/*.yaml"]),
        ("project.schema.json", ["/projects/*/project.yaml"]),
        ("tokens.schema.json", ["/projects/*/tokens.yaml"]),
        ("partner.schema.json", ["/partners/*/partner.yaml"]),
        ("assertions.schema.json", ["/assertions/*.yaml"]),
    ]

    private func modeline(_ schema: String, depth: Int) -> String {
        "# yaml-language-server: $schema=\(String(repeating: "../", count: depth))\(Self.schemaFolder)/\(schema)\n"
    }

    private var organizationFile: String {
        modeline("organization.schema.json", depth: 0) + """
            # The organization. `orgtree validate` checks the whole tree; every key is in
            # orgtree's docs/tree-format.md.
            id: \(organization)
            name: \(YAMLText.scalar(organizationName))
            # Who created the organization: its first owner (ownership can be handed over).
            createdBy: \(owner)

            plan:
              name: Starter
              # Projects included; more folders in projects/ than projects + extraProjects
              # is `plan-exceeded`. Raise it as projects are added.
              projects: 1
              extraProjects: 0
              # A standard plan needs a payment method (billing below); under an enterprise
              # agreement neither the payment method nor a project limit is required.
              agreement: standard

            billing:
              paymentMethod: card
              # invoiceEmail: accounts@example.com

            roles:
              # Owners hold every org permission and own every project; there is always one.
              owners:
                - \(owner)
              # Admins are owners that can neither change billing nor invite owners.
              admins: []

            # Org permissions granted to members one by one, for example
            #   billing.read:
            #     - some-member
            permissions: {}

            defaults:
              # Least privilege: a member sees no project until the project, or one of the
              # member's teams, grants a role (without this key every member is an editor).
              projectRole: none

            """
    }

    private var ownerFile: String {
        modeline("person.schema.json", depth: 1) + """
            # A person of the organization, one file each: people/<id>.yaml.
            firstName: \(YAMLText.scalar(ownerFirstName))
            lastName: \(YAMLText.scalar(ownerLastName))
            email: \(emailScalar)
            # Two-factor method: app, or sms with a mobile number in E.164 (mobile: "+4930123456").
            tfa:
              method: app
            # Optional: jobTitle, slackId (handover to Slack), facebookId (Facebook Analytics).

            """
    }

    /// Plain as people write it (`ann.berger@acme.example`), quoted when it holds more.
    private var emailScalar: String {
        ownerEmail.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "@.-_+".contains($0)) }) && ownerEmail.first!.isLetter
            ? ownerEmail : YAMLText.scalar(ownerEmail)
    }

    private var teamFile: String {
        modeline("team.schema.json", depth: 1) + """
            # A team: a named group of people that projects grant a role to (access.teams).
            # This one has no members and no project names it, so it grants nothing.
            name: Example team
            members: []
            #   - some-person
            # includes:        # other teams whose members belong to this one too
            #   - other-team

            """
    }

    private var assertionsFile: String {
        modeline("assertions.schema.json", depth: 1) + """
            # Access tests: `orgtree validate` fails (assertion-failed) as soon as one stops
            # being true. A subject (person, agency/person or token:project/token), a
            # permission or token scope, `on` a project for project permissions, `env` an
            # environment for token scopes; without `on` it is about the organization.
            - can: \(owner)
              do: billing.manage
            # - cannot: some-member
            #   do: content.write
            #   on: example

            """
    }

    private var projectFile: String {
        modeline("project.schema.json", depth: 2) + """
            # An example project, not read while its name ends in .example: rename it to
            # project.yaml (the folder's name is the project's id) to create the project.
            name: Example project
            environments:
              - development
              - production
            access:
              # The role of the members not named below: owner, editor, reader or none. Org
              # owners and admins own every project whatever is written here.
              default: none
              people: {}
              #   some-member: editor
              teams:
                example: reader
            # partners:              # enable an agency of partners/ on this project
            #   example-agency:
            #     enabled: true
            #     people:            # the role of each person the agency activated
            #       example-agency/example-person: editor

            """
    }

    private var tokensFile: String {
        let expires = Day(year: today.year + 1, month: today.month, day: min(today.day, 28))!
        return modeline("tokens.schema.json", depth: 2) + """
            # The project's API tokens, not read while the name ends in .example. A token
            # holds its scopes in its own environment only, while its owner holds
            # tokens.manage on the project and until it expires. No secret lives in the
            # tree: `orgtree apply --secrets-out FILE` writes a new token's secret once.
            tokens:
              example-token:
                owner: \(owner)
                environment: production
                scopes:
                  - content:read
                expires: \(expires)

            """
    }

    private var partnerFile: String {
        modeline("partner.schema.json", depth: 2) + """
            # A partner agency, not read while the name ends in .example. An agency person
            # works on a project only when all four steps hold: the relation is active, the
            # project enables the agency (its partners), the agency's owner activates the
            # person here, and the project gives the person a role.
            name: Example Agency
            status: pending
            owner: example-person
            activations: {}
            #   example:               # a project
            #     - example-person

            """
    }

    private var agencyPersonFile: String {
        modeline("person.schema.json", depth: 3) + """
            # A person of the agency (the keys of people/): never an org permission, never
            # a project owner.
            firstName: Example
            lastName: Person
            email: person@agency.example
            tfa:
              method: app

            """
    }

    /// The shipped access review (`examples/ci/access-review.yml`) with its example
    /// organization's reviewer e-mails commented out, as a placeholder: a new repository
    /// names its own reviewers.
    static var workflow: String {
        var out: [String] = []
        var valuesIndentedPast: Int?
        for line in BundledFiles.accessReviewWorkflow.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            if let key = valuesIndentedPast, indent > key, indent < line.count { continue }
            valuesIndentedPast = nil
            guard line.dropFirst(indent).hasPrefix("reviewer-emails:") else {
                out.append(String(line))
                continue
            }
            let margin = String(repeating: " ", count: indent)
            out += [margin + "# " + line.dropFirst(indent), margin + "#   github-login person@example.com"]
            valuesIndentedPast = indent
        }
        return out.joined(separator: "\n")
    }

    private var preCommitFile: String {
        """
        # pre-commit (https://pre-commit.com) runs `orgtree validate` before each commit:
        # `pre-commit install` once per clone. Set rev to the orgtree release you use.
        repos:
          - repo: https://github.com/your-org/orgtree
            rev: v0.1.0
            hooks:
              - id: orgtree-validate

        """
    }

    private var editorSettings: String {
        let lines = Self.schemaMapping.map { entry in
            let files = entry.files.map { "\"\($0)\"" }.joined(separator: ", ")
            return "    \"\(Self.schemaFolder)/\(entry.schema)\": [\(files)]"
        }
        return "{\n  \"yaml.schemas\": {\n" + lines.joined(separator: ",\n") + "\n  }\n}\n"
    }
}
