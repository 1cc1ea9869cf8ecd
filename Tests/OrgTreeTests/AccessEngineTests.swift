import Testing
import OrgTreeCore

/// Precedence, nested teams, template roles, the partner handshake and token scopes,
/// each case a small tree on top of the rule examples' base (owner ann, member bob,
/// project shop with a production environment).
@Suite("Access engine")
struct AccessEngineTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var subject: String = "bob"
        var expected: EffectiveRole?
        var chainContains: String?

        var testDescription: String { name }
    }

    static func org(defaults: String? = nil, admins: String = "[]") -> String {
        var text = "id: acme\nname: Acme\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 3\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\n  admins: \(admins)\n"
        if let defaults { text += "defaults:\n  projectRole: \(defaults)\n" }
        return text
    }

    static func project(_ access: String) -> String {
        "name: Shop\nenvironments: [production]\naccess:\n" + access
    }

    static let teams = [
        "teams/a.yaml": "name: A\nincludes: [b]\n",
        "teams/b.yaml": "name: B\nmembers: [bob]\n",
    ]

    static let precedence: [Case] = [
        Case(name: "no entries and no org default: editor", files: [:], expected: .editor, chainContains: "no defaults.projectRole"),
        Case(name: "org default reader", files: ["organization.yaml": org(defaults: "reader")], expected: .reader, chainContains: "defaults.projectRole: reader"),
        Case(name: "org default none", files: ["organization.yaml": org(defaults: "none")], expected: nil),
        Case(name: "project default none beats org default", files: ["projects/shop/project.yaml": project("  default: none\n")], expected: nil),
        Case(name: "project default owner beats org default", files: ["organization.yaml": org(defaults: "none"), "projects/shop/project.yaml": project("  default: owner\n")], expected: .owner, chainContains: "access.default: owner"),
        Case(name: "team role above default wins", files: teams.merging(["projects/shop/project.yaml": project("  default: reader\n  teams:\n    b: editor\n")]) { $1 }, expected: .editor, chainContains: "access.teams.b: editor"),
        Case(name: "default above team role wins", files: teams.merging(["projects/shop/project.yaml": project("  default: editor\n  teams:\n    b: reader\n")]) { $1 }, expected: .editor, chainContains: "access.default: editor"),
        Case(name: "explicit reader beats team owner", files: teams.merging(["projects/shop/project.yaml": project("  teams:\n    b: owner\n  people:\n    bob: reader\n")]) { $1 }, expected: .reader, chainContains: "access.people.bob: reader"),
        Case(name: "explicit none beats team editor and default", files: teams.merging(["projects/shop/project.yaml": project("  default: editor\n  teams:\n    b: editor\n  people:\n    bob: none\n")]) { $1 }, expected: nil),
        Case(name: "template entry beats default", files: ["projects/shop/project.yaml": project("  default: editor\n  templates:\n    bob:\n      role: template-reader\n      templates: [faq]\n") + "templates: [faq]\n"], expected: .templateReader),
        Case(name: "nested team gives its role", files: teams.merging(["projects/shop/project.yaml": project("  default: none\n  teams:\n    a: owner\n")]) { $1 }, expected: .owner, chainContains: "includes b → teams/b.yaml:2 members bob"),
        Case(name: "highest of several teams", files: teams.merging(["teams/c.yaml": "name: C\nmembers: [bob]\n", "projects/shop/project.yaml": project("  default: none\n  teams:\n    a: reader\n    c: editor\n")]) { $1 }, expected: .editor, chainContains: "access.teams.c: editor"),
        Case(name: "org admin is owner despite default none", files: ["organization.yaml": org(defaults: "none", admins: "[bob]")], expected: .owner, chainContains: "roles.admins: bob"),
        Case(name: "org owner is owner everywhere", files: ["projects/shop/project.yaml": project("  default: none\n")], subject: "ann", expected: .owner, chainContains: "roles.owners: ann"),
    ]

    @Test("precedence", arguments: precedence)
    func precedenceCase(_ c: Case) throws {
        let result = validate(c.files)
        #expect(result.isValid, "\(result.diagnostics)")
        let access = result.engine.projectAccess(of: try #require(Subject(c.subject)), on: "shop")
        #expect(access.role == c.expected)
        if let fragment = c.chainContains {
            #expect(access.chains.contains { $0.description.contains(fragment) }, "\(access.chains)")
        }
        if c.expected == nil { #expect(!access.reasons.isEmpty) }
    }

    @Test func templateRolesHoldContentOnTheirTemplatesOnly() {
        let result = validate(["projects/shop/project.yaml": Self.project("  templates:\n    bob:\n      role: template-editor\n      templates: [faq, welcome]\n")])
        let permissions = result.engine.projectPermissions(of: .person("bob"), on: "shop")
        #expect(permissions[.projectRead]?.templates == nil)
        #expect(permissions[.contentWrite]?.templates == ["faq", "welcome"])
        #expect(permissions[.analyticsRead] == nil)
        let e = result.engine.evaluate(.person("bob"), .project(.contentWrite), on: "shop", at: exampleDay)
        #expect(!e.granted)
        #expect(e.reasons.first?.message.contains("templates faq, welcome only") == true)
    }

    @Test func analyticsFacebookNeedsAFacebookIDOwnersIncluded() throws {
        let withID = "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\nfacebookId: \"100004123456789\"\n"
        let bob = validate(["projects/shop/project.yaml": Self.project("  people:\n    bob: editor\n") + "facebookAnalytics:\n  admins: [bob]\n",
                            "people/bob.yaml": withID])
        #expect(bob.isValid)
        #expect(bob.engine.projectPermissions(of: .person("bob"), on: "shop")[.analyticsFacebook] != nil)
        // ann owns the organization (and so every project) but has no facebookId.
        let engine = bob.engine
        #expect(engine.projectPermissions(of: .person("ann"), on: "shop")[.analyticsFacebook] == nil)
        #expect(engine.projectPermissions(of: .person("ann"), on: "shop")[.projectDelete] != nil)
        let held = try #require(engine.roleOnly(of: .person("ann"), on: "shop"))
        #expect(!engine.wholeProjectPermissions(held, of: .person("ann"), on: "shop").contains(.analyticsFacebook))
        let e = engine.evaluate(.person("ann"), .project(.analyticsFacebook), on: "shop", at: exampleDay)
        #expect(!e.granted)
        #expect(e.reasons.first?.message.contains("no facebookId in people/ann.yaml") == true)
        // A listed editor without one holds nothing either (and the listing is an error).
        let listed = validate(["projects/shop/project.yaml": Self.project("  people:\n    bob: editor\n") + "facebookAnalytics:\n  admins: [bob]\n"])
        #expect(listed.diagnostics.map(\.rule) == [.facebookNeedsFacebookID])
        #expect(listed.engine.projectPermissions(of: .person("bob"), on: "shop")[.analyticsFacebook] == nil)
        // The store's rows agree: an owner without a Facebook ID holds it on no project.
        let rows = EffectiveRowBuilder(engine: engine, day: exampleDay).rows(of: .person("ann"))
        #expect(!rows.permissions.contains { $0.permission == "analytics.facebook" })
        #expect(rows.permissions.contains { $0.project == "*" && $0.permission == "project.delete" })
    }

    @Test func everyChainIsKeptInAStableOrder() {
        let result = validate(Self.teams.merging([
            "teams/c.yaml": "name: C\nmembers: [bob]\n",
            "projects/shop/project.yaml": Self.project("  default: none\n  teams:\n    a: editor\n    c: editor\n"),
        ]) { $1 })
        let access = result.engine.projectAccess(of: .person("bob"), on: "shop")
        #expect(access.chains.count == 2)
        #expect(access.chains == access.chains.sorted())
        #expect(access.chains[0].description.contains("teams/c.yaml"))  // the shorter chain first
    }

    @Test func membershipThroughACycleDoesNotDependOnOrder() {
        let result = validate([
            "teams/a.yaml": "name: A\nmembers: [bob]\nincludes: [b]\n",
            "teams/b.yaml": "name: B\nincludes: [a]\n",
            "projects/shop/project.yaml": Self.project("  default: none\n  teams:\n    b: reader\n"),
        ])
        #expect(result.diagnostics.map(\.rule) == [.teamCycle])
        #expect(result.engine.projectAccess(of: .person("bob"), on: "shop").role == .reader)
    }

    // MARK: Partner handshake

    static let handshake: [String: String] = [
        "partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [gus]\n",
        "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Ray\nemail: gus@pixel.example\ntfa: {method: app}\n",
        "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\npartners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: editor\n",
    ]

    @Test func allFourStepsGiveAccess() {
        let result = validate(Self.handshake)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let access = result.engine.projectAccess(of: .agencyPerson(agency: "pixel", person: "gus"), on: "shop")
        #expect(access.role == .editor)
        #expect(access.chains.first?.steps.count == 4)
        #expect(result.engine.orgPermissions(of: .agencyPerson(agency: "pixel", person: "gus")).isEmpty)
    }

    @Test("each missing step alone removes access", arguments: [
        ("relation pending", "partners/pixel/partner.yaml", "status: active", "status: pending", "pending"),
        ("project not enabled", "projects/shop/project.yaml", "enabled: true", "enabled: false", "has not enabled"),
        ("not activated", "partners/pixel/partner.yaml", "  shop: [gus]\n", "  web: [gus]\n", "has not activated"),
        ("no role set", "projects/shop/project.yaml", "    people:\n      pixel/gus: editor\n", "", "sets no role"),
    ])
    func missingStep(_ step: (String, String, String, String, String)) {
        var files = Self.handshake
        files[step.1] = files[step.1]!.replacing(step.2, with: step.3)
        files["projects/web/project.yaml"] = "name: Web\n"
        let result = validate(files)
        let access = result.engine.projectAccess(of: .agencyPerson(agency: "pixel", person: "gus"), on: "shop")
        #expect(access.role == nil, "\(step.0)")
        #expect(access.reasons.count == 1, "\(access.reasons)")
        #expect(access.reasons.first?.message.contains(step.4) == true, "\(access.reasons)")
        #expect(result.diagnostics.contains { $0.rule == .partnerHandshakeIncomplete }, "\(step.0)")
    }

    // MARK: Tokens

    static let tokenTree: [String: String] = [
        "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  people:\n    bob: owner\n",
        "projects/shop/tokens.yaml": "tokens:\n  ci:\n    owner: bob\n    environment: production\n    scopes: [content:read, content:write]\n    expires: 2026-12-31\n",
    ]

    @Test func tokenHoldsItsScopesWhileItsOwnerManagesTokens() throws {
        let result = validate(Self.tokenTree)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let token = try #require(result.tree.token(project: "shop", id: "ci"))
        let access = result.engine.tokenAccess(token, at: exampleDay)
        #expect(Set(access.scopes.keys) == [.contentRead, .contentWrite])
        #expect(access.scopes[.contentWrite]?.first?.description.contains("access.people.bob: owner") == true)
    }

    @Test("token scopes are lost", arguments: [
        ("owner demoted to editor", "    bob: owner\n", "    bob: editor\n", "tokens.manage needs owner"),
        ("environment removed", "environments: [production]", "environments: [staging]", "has no production environment"),
    ])
    func tokenLosesScopes(_ change: (String, String, String, String)) throws {
        var files = Self.tokenTree
        files["projects/shop/project.yaml"] = files["projects/shop/project.yaml"]!.replacing(change.1, with: change.2)
        let result = validate(files)
        let token = try #require(result.tree.token(project: "shop", id: "ci"))
        let access = result.engine.tokenAccess(token, at: exampleDay)
        #expect(access.scopes.isEmpty, "\(change.0)")
        #expect(access.reasons.contains { $0.message.contains(change.3) }, "\(access.reasons)")
        #expect(access.declared == [.contentRead, .contentWrite])
    }

    @Test func expiredTokenHoldsNothingFromTheDayAfter() throws {
        let result = validate(Self.tokenTree)
        let token = try #require(result.tree.token(project: "shop", id: "ci"))
        #expect(!result.engine.tokenAccess(token, at: Day("2026-12-31")!).scopes.isEmpty)
        let after = result.engine.tokenAccess(token, at: Day("2027-01-01")!)
        #expect(after.scopes.isEmpty)
        #expect(after.reasons.first?.message.contains("expired on 2026-12-31") == true)
    }

    @Test func aTokenNeverActsOnAnotherProject() {
        var files = Self.tokenTree
        files["projects/web/project.yaml"] = "name: Web\nenvironments: [production]\n"
        let result = validate(files)
        let e = result.engine.evaluate(.token(project: "shop", token: "ci"), .scope(.contentRead), on: "web", at: exampleDay)
        #expect(!e.granted)
        #expect(e.reasons.first?.message.contains("never acts on another project") == true)
    }
}

/// Properties that hold on every generated tree.
@Suite("Access properties over generated trees")
struct AccessPropertyTests {
    static let day = Day("2026-11-23")!

    static func engine(seed: UInt64) -> ValidationResult {
        let files = TreeGenerator(options: .init(people: 400, projects: 40, seed: seed, today: "2026-11-23")).files()
        return Validator().validate(texts: files.map { ($0.path, $0.contents) }, at: day)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func invariants(seed: UInt64) {
        let result = Self.engine(seed: seed)
        #expect(result.diagnostics.isEmpty)
        let engine = result.engine
        let tree = result.tree
        for subject in tree.subjects {
            switch subject {
            case .agencyPerson:
                #expect(engine.orgPermissions(of: subject).isEmpty, "\(subject) holds an org permission")
                for project in tree.projectIDs {
                    #expect(engine.projectAccess(of: subject, on: project).role != .owner, "\(subject) owns \(project)")
                }
            case .token(let own, _):
                for project in tree.projectIDs where project != own {
                    for scope in TokenScope.allCases {
                        #expect(!engine.evaluate(subject, .scope(scope), on: project, at: Self.day).granted)
                    }
                }
            case .person(let id):
                guard engine.orgRole(of: id)?.role == .owner else { continue }
                #expect(Set(engine.orgPermissions(of: subject).keys) == Set(OrgPermission.allCases))
                // Every project permission; analytics.facebook only with a Facebook ID.
                var all = Set(ProjectPermission.allCases)
                if !engine.hasFacebookID(subject) { all.remove(.analyticsFacebook) }
                for project in tree.projectIDs {
                    let permissions = engine.projectPermissions(of: subject, on: project)
                    #expect(Set(permissions.keys) == all, "\(id) on \(project)")
                }
            }
        }
    }

    /// The grouped matrix (`AccessMatrix`) agrees with asking the engine project by project.
    @Test func groupedMatrixMatchesPairwiseAnswers() {
        let result = Self.engine(seed: 4)
        let matrix = AccessMatrix(engine: result.engine)
        for subject in result.tree.subjects {
            if case .token = subject { continue }
            let access = matrix.access(of: subject, at: Self.day)
            var roles: [String: EffectiveRole] = [:]
            for grant in access.projects { roles[grant.project] = grant.role }
            for bulk in access.elsewhere {
                for project in bulk.projects {
                    #expect(roles[project] == nil, "\(subject) has \(project) twice")
                    roles[project] = bulk.role
                }
            }
            for project in result.tree.projectIDs {
                #expect(roles[project] == result.engine.projectAccess(of: subject, on: project).role, "\(subject) on \(project)")
            }
        }
    }
}
