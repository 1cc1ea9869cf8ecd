import Testing
import OrgTreeCore

/// Each kind of change on small trees: what is reported, with which provenance, risk and
/// approvers.
@Suite("Diff engine")
struct DiffTests {
    typealias F = DiffFixture

    // MARK: No change

    @Test func formattingCommentsAndOrderAreNoChange() {
        let old = F.merged(F.people, [
            "organization.yaml": F.org(owners: "[ann]", admins: "[carl, dan]", permissions: "  billing.read: [bob, erin]\n"),
            "teams/t.yaml": "name: T\nmembers: [bob, carl, erin]\n",
            "projects/shop/project.yaml": F.project("  default: reader\n  people:\n    bob: editor\n    erin: none\n  teams:\n    t: editor\n",
                                                    environments: "[staging, production]"),
        ])
        let new = F.merged(F.people, [
            "organization.yaml": """
                # The org, rewritten: comments, block lists, other key order.
                name: Acme Inc.
                id: acme
                roles:
                  admins:
                    - dan
                    - carl
                  owners:
                    - ann
                createdBy: ann
                plan: {name: growth, projects: 3, extraProjects: 0, agreement: standard}
                billing: {paymentMethod: card}
                permissions:
                  billing.read:
                    - erin   # order does not matter
                    - bob
                defaults: {projectRole: editor}

                """,
            "teams/t.yaml": "members:\n  - erin\n  - bob\n  - carl\nname: T\n",
            "projects/shop/project.yaml": "environments: [production, staging]\nname: Shop\naccess:\n  teams: {t: editor}\n  people: {erin: none, bob: editor}\n  default: reader\n",
        ])
        let diff = diffTrees(old, new)
        #expect(diff.isEmpty, "\(diff.changes.map { $0.kind })")
    }

    // MARK: Org level

    @Test func becomingAnOwnerIsHighRiskAndNeedsAnOwner() throws {
        let diff = diffTrees([:], ["organization.yaml": F.org(owners: "[ann, bob]")])
        let bob = diff.of("bob")
        let role = try #require(bob.first { $0.kind == "org-role" })
        guard case .orgRole(let from, let to, let gained, _) = role.detail else { Issue.record("not an org role change"); return }
        #expect(from == .member && to == .owner)
        #expect(gained.contains(.billingManage) && gained.contains(.ownersInvite))
        #expect(role.risk == .high)
        #expect(role.riskReasons.contains("becomes an org owner"))
        #expect(role.approvers == [.orgOwner])
        #expect(role.via.first?.description == "organization.yaml:10 roles.owners: bob")
        // The project ownership that comes with it is approved like the role change.
        let shop = try #require(bob.first { $0.project != nil })
        #expect(shop.project?.from?.role == .editor && shop.project?.to?.role == .owner)
        #expect(shop.approvers == [.orgOwner])
    }

    @Test func becomingAnAdminNeedsAnAdmin() throws {
        let diff = diffTrees([:], ["organization.yaml": F.org(admins: "[bob]")])
        let role = try #require(diff.of("bob").first { $0.kind == "org-role" })
        #expect(role.risk == .high)
        #expect(role.approvers == [.orgAdmin])
    }

    @Test func billingManageIsFlaggedBothWays() throws {
        let granted = F.org(permissions: "  billing.manage: [bob]\n  billing.read: [bob]\n")
        let gain = diffTrees([:], ["organization.yaml": granted]).of("bob")
        #expect(gain.map(\.kind) == ["org-permission", "org-permission"])
        let manage = try #require(gain.first { if case .orgPermission(.billingManage, true) = $0.detail { return true } else { return false } })
        #expect(manage.risk == .high && manage.approvers == [.orgOwner])
        #expect(manage.via.first?.description.contains("permissions.billing.manage: bob") == true)
        let read = try #require(gain.first { if case .orgPermission(.billingRead, true) = $0.detail { return true } else { return false } })
        #expect(read.risk == .low && read.approvers == [.orgAdmin])

        let loss = diffTrees(["organization.yaml": granted], [:]).of("bob")
        let lost = try #require(loss.first { if case .orgPermission(.billingManage, false) = $0.detail { return true } else { return false } })
        #expect(lost.risk == .high)
        #expect(lost.wasVia.first?.description.contains("permissions.billing.manage: bob") == true)
        #expect(lost.losesSomething && !lost.gainsSomething)
    }

    @Test func removingEveryOwnerOfOldIsHighRisk() throws {
        let diff = diffTrees([:], ["organization.yaml": F.org(owners: "[bob]", createdBy: "bob")])
        let ann = try #require(diff.of("ann").first { $0.kind == "org-role" })
        #expect(ann.risk == .high)
        #expect(ann.riskReasons.contains("no owner of OLD remains an owner"))
        #expect(ann.wasVia.first?.description.contains("roles.owners: ann") == true)
        #expect(diff.entities.contains { $0.field == "createdBy" && $0.from == "ann" && $0.to == "bob" })
    }

    @Test func handingOverOwnershipFromTheCreatorIsHighRisk() throws {
        // ann created the organization and hands ownership to bob; createdBy stays a record.
        let diff = diffTrees([:], ["organization.yaml": F.org(owners: "[bob]", admins: "[ann]")])
        let ann = try #require(diff.of("ann").first { $0.kind == "org-role" })
        #expect(ann.risk == .high)
        #expect(ann.riskReasons.contains("the creator is no longer an owner"))
        // Another owner leaving is not the creator leaving.
        let other = diffTrees(["organization.yaml": F.org(owners: "[ann, bob]")], ["organization.yaml": F.org(owners: "[ann]")])
        let bob = try #require(other.of("bob").first { $0.kind == "org-role" })
        #expect(!bob.riskReasons.contains("the creator is no longer an owner"))
    }

    // MARK: Projects

    @Test func roleChangeCarriesNewAndOldProvenance() throws {
        let diff = diffTrees(["projects/shop/project.yaml": F.project("  people:\n    bob: reader\n")],
                             ["projects/shop/project.yaml": F.project("  people:\n    bob: editor\n")])
        let changes = diff.of("bob")
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        let p = try #require(change.project)
        #expect(change.kind == "project-role")
        #expect(p.from == HeldRole(role: .reader) && p.to == HeldRole(role: .editor))
        #expect(p.gained == [.contentWrite] && p.lost == [])
        #expect(p.projects.map(\.project) == ["shop"])
        #expect(p.projects[0].via.map(\.description) == ["projects/shop/project.yaml:5 access.people.bob: editor"])
        #expect(p.projects[0].wasVia.map(\.description) == ["projects/shop/project.yaml:5 access.people.bob: reader"])
        #expect(change.risk == .low && change.approvers == [.projectOwner(["shop"])])
        #expect(change.gainsSomething && !change.losesSomething)
    }

    @Test func accessGainedAndLost() throws {
        let none = F.project("  default: none\n")
        let granted = F.project("  default: none\n  people:\n    bob: reader\n")
        let gain = try #require(diffTrees(["projects/shop/project.yaml": none], ["projects/shop/project.yaml": granted]).of("bob").first)
        #expect(gain.kind == "project-access-gained")
        #expect(gain.project?.to == HeldRole(role: .reader))
        let loss = try #require(diffTrees(["projects/shop/project.yaml": granted], ["projects/shop/project.yaml": none]).of("bob").first)
        #expect(loss.kind == "project-access-lost")
        #expect(loss.project?.projects.first?.wasVia.first?.description == "projects/shop/project.yaml:6 access.people.bob: reader")
        #expect(loss.losesSomething)
    }

    @Test func becomingProjectOwnerIsMediumRisk() throws {
        let change = try #require(diffTrees([:], ["projects/shop/project.yaml": F.project("  people:\n    bob: owner\n")]).of("bob").first)
        #expect(change.risk == .medium)
        #expect(change.project?.gained.contains(.tokensManage) == true)
        #expect(change.riskReasons.contains { $0.contains("tokens.manage") })
    }

    @Test func templateListsChanged() throws {
        func tree(_ templates: String) -> [String: String] {
            ["projects/shop/project.yaml": F.project("  templates:\n    bob:\n      role: template-editor\n      templates: \(templates)\n",
                                                     extra: "templates: [faq, welcome]\n")]
        }
        let change = try #require(diffTrees(tree("[faq]"), tree("[welcome, faq]")).of("bob").first)
        #expect(change.kind == "project-templates")
        #expect(change.project?.from?.templates == ["faq"])
        #expect(change.project?.to?.templates == ["faq", "welcome"])
        #expect(change.gainsSomething && !change.losesSomething)
    }

    @Test func listPermissionsHandoverAndFacebook() throws {
        let new = [
            "people/bob.yaml": F.person("Bob", "bob@acme.example", extra: "facebookId: \"1001\"\n"),
            "projects/shop/project.yaml": F.project(extra: "handover:\n  agents: [bob]\nfacebookAnalytics:\n  admins: [bob]\n"),
        ]
        let diff = diffTrees([:], new)
        let change = try #require(diff.of("bob").first)
        #expect(change.kind == "project-permissions")
        #expect(change.project?.gained == [.analyticsFacebook, .handover])
        let via = change.project?.projects.first?.via.map(\.description) ?? []
        #expect(via.contains { $0.hasSuffix("handover.agents: bob") })
        #expect(via.contains { $0.hasSuffix("facebookAnalytics.admins: bob") })
        #expect(diff.entities.contains { $0.kind == .person && $0.field == "facebookId" && $0.to == "1001" })
    }

    // MARK: Default roles

    @Test func projectDefaultMovesEveryMemberWithoutOwnAccess() throws {
        func tree(_ role: String) -> [String: String] {
            F.merged(F.people, [
                "people/frank.yaml": F.person("Frank", "frank@acme.example"),
                "teams/t.yaml": "name: T\nmembers: [frank]\n",
                "projects/shop/project.yaml": F.project("  default: \(role)\n  people:\n    erin: editor\n  teams:\n    t: reader\n"),
            ])
        }
        let diff = diffTrees(tree("reader"), tree("editor"))
        let defaults = diff.defaultRoles
        #expect(defaults.count == 1)
        let d = try #require(defaults.first)
        #expect(d.from == .reader && d.to == .editor && !d.fromOrgDefault)
        #expect(d.projects.map(\.project) == ["shop"])
        #expect(d.projects[0].via.first?.description == "projects/shop/project.yaml:4 access.default: editor")
        // Every member without access of their own; not erin (explicit), not ann (owner), not frank (team).
        #expect(d.subjects.map(\.description) == ["bob", "carl", "dan"])
        // frank's team role is lower than the new default: compared one by one.
        let frank = try #require(diff.of("frank").first)
        #expect(frank.project?.from?.role == .reader && frank.project?.to?.role == .editor)
        #expect(frank.project?.projects.first?.via.first?.description.contains("access.default: editor") == true)
        #expect(diff.of("erin").isEmpty)
        let change = try #require(diff.changes.first { $0.kind == "default-role" })
        #expect(change.approvers == [.projectOwner(["shop"])])
        #expect(diff.summary.subjectsGaining == 4)
        #expect(diff.entities.contains { $0.field == "access.default" && $0.from == "reader" && $0.to == "editor" })
    }

    @Test func orgDefaultChangeIsOneGroupOverItsProjects() throws {
        let old = F.merged(F.people, ["organization.yaml": F.org(defaults: "none"), "projects/web/project.yaml": F.project(name: "Web")])
        let new = F.merged(old, ["organization.yaml": F.org(defaults: "reader")])
        let diff = diffTrees(old, new)
        let d = try #require(diff.defaultRoles.first)
        #expect(diff.defaultRoles.count == 1)
        #expect(d.from == nil && d.to == .reader && d.fromOrgDefault)
        #expect(d.projects.map(\.project) == ["shop", "web"])
        #expect(d.subjects.map(\.description) == ["bob", "carl", "dan", "erin"])
        #expect(diff.changes.first { $0.kind == "default-role" }?.approvers == [.orgAdmin])
        #expect(diff.entities.contains { $0.field == "defaults.projectRole" && $0.from == "none" && $0.to == "reader" })
        #expect(diff.changes.allSatisfy { $0.isEntity || $0.kind == "default-role" })
    }

    // MARK: Tokens

    static let token = "tokens:\n  ci:\n    owner: bob\n    environment: production\n    scopes: [content:read, content:write]\n    expires: 2026-12-31\n"
    static let tokenOwner = F.project("  people:\n    bob: owner\n")

    @Test func aNewTokenWithAWriteScopeIsHighRisk() throws {
        let diff = diffTrees(["projects/shop/project.yaml": Self.tokenOwner],
                             ["projects/shop/project.yaml": Self.tokenOwner, "projects/shop/tokens.yaml": Self.token])
        let change = try #require(diff.of("token:shop/ci").first)
        #expect(change.token?.added == true)
        #expect(change.token?.gained == [.contentRead, .contentWrite])
        #expect(change.risk == .high)
        #expect(change.approvers == [.projectOwner(["shop"])])
        #expect(change.via.contains { $0.description.contains("owner: bob") })
        #expect(diff.entities.contains { $0.kind == .token && $0.action == .added && $0.id == "shop/ci" })
    }

    @Test func tokenSuspendedWhenItsOwnerLosesTokensManage() throws {
        let old = ["projects/shop/project.yaml": Self.tokenOwner, "projects/shop/tokens.yaml": Self.token]
        let new = ["projects/shop/project.yaml": F.project("  people:\n    bob: editor\n"), "projects/shop/tokens.yaml": Self.token]
        let diff = diffTrees(old, new, newMustValidate: false)
        let change = try #require(diff.of("token:shop/ci").first)
        #expect(change.token?.lost == [.contentRead, .contentWrite])
        #expect(change.token?.suspended.first?.message.contains("tokens.manage needs owner") == true)
        #expect(change.wasVia.contains { $0.description.contains("access.people.bob: owner") })
        #expect(change.risk == .low)
    }

    @Test func tokenSuspendedWhenItExpiresOrItsEnvironmentGoes() throws {
        let old = ["projects/shop/project.yaml": Self.tokenOwner, "projects/shop/tokens.yaml": Self.token]
        let expired = diffTrees(old, F.merged(old, ["projects/shop/tokens.yaml": Self.token.replacing("2026-12-31", with: "2026-01-31")]))
        #expect(expired.of("token:shop/ci").first?.token?.suspended.first?.message.contains("expired on 2026-01-31") == true)
        #expect(expired.entities.contains { $0.field == "expires" && $0.to == "2026-01-31" })

        let gone = diffTrees(old, F.merged(old, ["projects/shop/project.yaml": F.project("  people:\n    bob: owner\n", environments: "[staging]")]),
                             newMustValidate: false)
        #expect(gone.of("token:shop/ci").first?.token?.suspended.first?.message.contains("no production environment") == true)
        #expect(gone.entities.contains { $0.kind == .project && $0.field == "environments" && $0.added == ["staging"] && $0.removed == ["production"] })
    }

    @Test func aTokenMovedToAnotherEnvironmentLosesItsScopesThereAndGainsThemInTheNewOne() throws {
        let project = F.project("  people:\n    bob: owner\n", environments: "[staging, production]")
        let staging = Self.token.replacing("environment: production", with: "environment: staging")
        let diff = diffTrees(["projects/shop/project.yaml": project, "projects/shop/tokens.yaml": staging],
                             ["projects/shop/project.yaml": project, "projects/shop/tokens.yaml": Self.token])
        let change = try #require(diff.of("token:shop/ci").first)
        #expect(change.token?.movedFrom == .staging)
        #expect(change.token?.environment == .production)
        #expect(change.token?.gained == [.contentRead, .contentWrite])
        #expect(change.token?.lost == [.contentRead, .contentWrite])
        #expect(change.risk == .high)
        #expect(change.riskReasons == ["the token gains write scope content:write in production"])

        // Read-only scopes moving into production: medium; moving out of it: low.
        let reading = Self.token.replacing("[content:read, content:write]", with: "[content:read]")
        let up = diffTrees(["projects/shop/project.yaml": project, "projects/shop/tokens.yaml": reading.replacing("environment: production", with: "environment: staging")],
                           ["projects/shop/project.yaml": project, "projects/shop/tokens.yaml": reading])
        #expect(up.of("token:shop/ci").first?.risk == .medium)
        let down = diffTrees(["projects/shop/project.yaml": project, "projects/shop/tokens.yaml": reading],
                             ["projects/shop/project.yaml": project, "projects/shop/tokens.yaml": reading.replacing("environment: production", with: "environment: staging")])
        #expect(down.of("token:shop/ci").first?.risk == .low)
        #expect(down.of("token:shop/ci").first?.token?.movedFrom == .production)
    }

    // MARK: Agencies

    @Test func agencyPersonAccessIsHighRiskAndNeedsTheirOwnersActivation() throws {
        let enabled = F.project(extra: "partners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: editor\n      pixel/hana: reader\n")
        let old = F.merged(F.agency, ["projects/shop/project.yaml": F.project(extra: "partners:\n  pixel:\n    enabled: false\n")])
        let new = F.merged(F.agency, [
            "projects/shop/project.yaml": enabled,
            "partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop: [gus, hana]\n",
        ])
        let diff = diffTrees(old, new)
        let gus = try #require(diff.of("pixel/gus").first)
        #expect(gus.kind == "project-access-gained" && gus.risk == .high)
        #expect(gus.approvers == [.projectOwner(["shop"])])  // gus was activated already
        let hana = try #require(diff.of("pixel/hana").first)
        #expect(hana.approvers == [.agencyOwner("pixel"), .projectOwner(["shop"])])
        #expect(diff.entities.contains { $0.field == "partners.pixel.enabled" && $0.from == "false" && $0.to == "true" })
        #expect(diff.entities.contains { $0.field == "activations.shop" && $0.added == ["hana"] })

        // The relation ending takes the access away again.
        let ended = diffTrees(new, F.merged(new, ["partners/pixel/partner.yaml": "name: Pixel\nstatus: ended\nowner: gus\nactivations:\n  shop: [gus, hana]\n"]),
                              newMustValidate: false)
        #expect(ended.of("pixel/gus").first?.kind == "project-access-lost")
        #expect(ended.of("pixel/hana").first?.kind == "project-access-lost")
        #expect(ended.entities.contains { $0.kind == .agency && $0.field == "status" && $0.to == "ended" })
    }

    // MARK: Entities

    @Test func entitiesAddedRemovedAndChanged() throws {
        let old = F.merged(F.people, [
            "organization.yaml": F.org(),
            "teams/old.yaml": "name: Old\nmembers: [erin]\n",
            "projects/legacy/project.yaml": F.project(name: "Legacy"),
            "assertions/a.yaml": "- can: bob\n  do: content.write\n  on: shop\n",
        ])
        var new = old
        new["people/erin.yaml"] = nil
        new["teams/old.yaml"] = nil
        new["projects/legacy/project.yaml"] = nil
        new["people/fay.yaml"] = F.person("Fay", "fay@acme.example")
        new["teams/new.yaml"] = "name: New\nmembers: [fay]\n"
        new["projects/web/project.yaml"] = F.project(name: "Web")
        new["organization.yaml"] = F.org(projects: 4, extra: "  extraProjects: 1\n")
        new["assertions/a.yaml"] = "- cannot: bob\n  do: billing.manage\n"
        let diff = diffTrees(old, new)
        let e = diff.entities
        func has(_ kind: EntityChange.Kind, _ id: String, _ action: EntityChange.Action) -> Bool {
            e.contains { $0.kind == kind && $0.id == id && $0.action == action }
        }
        #expect(has(.person, "erin", .removed) && has(.person, "fay", .added))
        #expect(has(.team, "old", .removed) && has(.team, "new", .added))
        #expect(has(.project, "legacy", .removed) && has(.project, "web", .added))
        #expect(has(.assertion, "can bob content.write on shop", .removed) && has(.assertion, "cannot bob billing.manage", .added))
        let test = try #require(diff.changes.first { if case .entity(let x) = $0.detail { return x.kind == .assertion && x.action == .removed } else { return false } })
        #expect(test.risk == .medium && test.riskReasons == ["an access test is removed"])
        let added = try #require(diff.changes.first { if case .entity(let x) = $0.detail { return x.kind == .assertion && x.action == .added } else { return false } })
        #expect(added.risk == .low)
        #expect(e.contains { $0.field == "plan.projects" && $0.from == "3" && $0.to == "4" })
        #expect(e.contains { $0.field == "plan.extraProjects" && $0.from == "0" && $0.to == "1" })
        let plan = try #require(diff.changes.first { if case .entity(let x) = $0.detail { return x.field == "plan.projects" } else { return false } })
        #expect(plan.risk == .medium && plan.approvers == [.orgPermission(.billingManage)])
        let removed = try #require(diff.changes.first { if case .entity(let x) = $0.detail { return x.id == "legacy" } else { return false } })
        #expect(removed.risk == .medium)
        // fay joins as a member and gets the default role on every project, in one group
        // of the people added; erin leaves.
        #expect(diff.of("fay").map(\.kind) == ["org-role"])
        let defaults = Dictionary(grouping: diff.defaultRoles, by: \.movers)
        #expect(defaults[.added]?.map { $0.projects.map(\.project) } == [["shop", "web"]])
        #expect(defaults[.added]?.first?.subjects.map(\.description) == ["fay"])
        #expect(diff.of("erin").contains { $0.kind == "org-role" && $0.losesSomething })
        // Members get the new project by default; owner ann's ownership of it is implied.
        #expect(defaults[.members]?.map { $0.projects.map(\.project) } == [["web"]])
        #expect(defaults[.members]?.first?.subjects.map(\.description) == ["bob", "carl", "dan"])
        #expect(diff.of("ann").isEmpty)
        // Access on a removed project is not listed subject by subject.
        #expect(!diff.changes.contains { $0.project?.projects.contains { $0.project == "legacy" } == true })
    }

    @Test func personRenamedByEmailIsOnePerson() throws {
        let old = F.merged(["projects/shop/project.yaml": F.project("  default: none\n  people:\n    bob: reader\n"),
                            "teams/t.yaml": "name: T\nmembers: [bob]\n"])
        var same = old
        same["people/bob.yaml"] = nil
        same["people/robert.yaml"] = F.person("Bob", "Bob@ACME.example")
        same["projects/shop/project.yaml"] = F.project("  default: none\n  people:\n    robert: reader\n")
        same["teams/t.yaml"] = "name: T\nmembers: [robert]\n"
        let renamed = diffTrees(old, same, removingNew: ["people/bob.yaml"])
        #expect(renamed.entities.contains { $0.kind == .person && $0.action == .renamed && $0.oldID == "bob" && $0.id == "robert" })
        #expect(!renamed.entities.contains { $0.action == .added || $0.action == .removed })
        #expect(renamed.entities.contains { $0.field == "firstName" } == false)
        #expect(renamed.changes.allSatisfy { $0.isEntity }, "\(renamed.changes.map(\.kind))")

        var raised = same
        raised["projects/shop/project.yaml"] = F.project("  default: none\n  people:\n    robert: editor\n")
        let diff = diffTrees(old, raised, removingNew: ["people/bob.yaml"])
        let change = try #require(diff.of("robert").first)
        #expect(change.renamedFrom == .person("bob"))
        #expect(change.project?.from?.role == .reader && change.project?.to?.role == .editor)
        #expect(diff.of("bob").isEmpty)
    }

    @Test func aDifferentEmailIsRemovalAndAddition() {
        let diff = diffTrees([:], ["people/robert.yaml": F.person("Bob", "robert@acme.example")], removingNew: ["people/bob.yaml"])
        #expect(diff.entities.contains { $0.id == "bob" && $0.action == .removed })
        #expect(diff.entities.contains { $0.id == "robert" && $0.action == .added })
    }

    @Test func changingALoginEmailIsMediumRisk() throws {
        let diff = diffTrees([:], ["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@elsewhere.example\ntfa:\n  method: app\n"])
        let change = try #require(diff.changes.first)
        #expect(diff.changes.count == 1)
        #expect(change.risk == .medium && change.subject == .person("bob"))
    }

    // MARK: --actor

    @Test func actorFlagsWhatTheyMayNotDoAlone() throws {
        let old = F.merged(F.people, [
            "organization.yaml": F.org(admins: "[bob]"),
            "projects/shop/project.yaml": F.project("  people:\n    carl: owner\n    erin: reader\n"),
        ])
        let new = F.merged(old, [
            "organization.yaml": F.org(owners: "[ann, dan]", admins: "[bob]", extra: "  extraProjects: 2\n"),
            "projects/shop/project.yaml": F.project("  people:\n    carl: owner\n    erin: editor\n"),
        ])
        let before = validate(old), after = validate(new)
        let diff = TreeDiffer(old: before.engine, new: after.engine, day: exampleDay).diff()
        func flagged(_ actor: String) -> [String] {
            diff.checked(actor: Subject(actor)!, against: before.engine).changes.filter { $0.actorFlag != nil }.map(DiffFixture.label)
        }
        #expect(flagged("ann").isEmpty)
        // An admin may not make an owner nor touch the plan; the role on shop is fine.
        #expect(flagged("bob") == ["entity plan.extraProjects", "dan org-role", "dan project-role"])
        // carl owns shop: only erin's role there is his to set.
        #expect(flagged("carl").count == diff.changes.count - 1)
        #expect(!flagged("carl").contains("erin project-role"))
        let why = try #require(diff.checked(actor: .person("bob"), against: before.engine).changes.first { $0.actorFlag != nil }?.actorFlag)
        #expect(why.contains("bob is an org admin"))
        #expect(flagged("erin").count == diff.changes.count)
    }

    @Test func countsAreGroupedTheSameInEveryLocale() {
        #expect([0, 7, 999, 1000, 19_956, 1_234_567].map(DiffNumbers.grouped) == ["0", "7", "999", "1,000", "19,956", "1,234,567"])
    }

    // MARK: Determinism

    @Test func theSameTreesGiveTheSameReportOnAnyNumberOfCores() {
        let old = F.merged(F.people, F.agency, ["teams/t.yaml": "name: T\nmembers: [bob, carl]\n",
                                                "projects/shop/project.yaml": F.project("  teams:\n    t: reader\n  default: none\n")])
        let new = F.merged(old, ["teams/t.yaml": "name: T\nmembers: [dan, erin]\n", "organization.yaml": F.org(admins: "[carl]")])
        let one = diffTrees(old, new, workers: 1), many = diffTrees(old, new, workers: 4)
        #expect(one.changes.map(DiffFixture.label) == many.changes.map(DiffFixture.label))
        #expect(one.changes.count >= 5)
    }
}

extension DiffFixture {
    static func label(_ change: DiffChange) -> String {
        if case .entity(let e) = change.detail { return "entity \(e.field ?? e.action.rawValue)" }
        return "\(change.subject?.description ?? "-") \(change.kind)"
    }
}
