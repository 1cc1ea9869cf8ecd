import Foundation
import Testing

/// What plan and apply say speaks the tree's words and claims only what was checked:
/// refusals name what each subject would lose, the store's side of a plan's effective
/// changes is "(in the store)" rather than lines of the tree it is read back as, and a
/// plain apply's "No changes" says that it did not read the effective rows back.
@Suite("Plan and apply wording", .serialized)
struct DeploymentWordingTests {
    let day = StoreTests.day

    func apply(_ tree: String, _ store: TestStore, _ extra: [String] = []) throws -> ProcessResult {
        try StoreTests().apply(tree, store, extra)
    }

    @Test("--max-removals names what each subject would lose, in the tree's words", arguments: StoreKind.available)
    func removalsInTheTreesWords(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = try StoreTests.sampleCopy(in: store.tmp)
        try FileManager.default.removeItem(atPath: tree + "/assertions")  // they hold the access taken away here
        #expect(try apply(tree, store).status == 0)
        // tier2 (lena, jonas, kai) only reads the helpdesk; chloe steps down to member; the
        // shop's deploy token no longer writes; internal-faq is no longer read by default.
        try StoreTests.edit(tree + "/projects/helpdesk/project.yaml") { $0.replacingOccurrences(of: "tier2: editor", with: "tier2: reader") }
        try StoreTests.edit(tree + "/organization.yaml") { $0.replacingOccurrences(of: "    - chloe\n", with: "") }
        try StoreTests.edit(tree + "/projects/internal-faq/project.yaml") {
            $0.replacingOccurrences(of: "default: reader", with: "default: none").replacingOccurrences(of: "    chloe: editor  # an org admin, so owner anyway: warning redundant-access\n", with: "")
        }
        try StoreTests.edit(tree + "/projects/shop/tokens.yaml") {
            $0.replacingOccurrences(of: "      - content:read\n      - content:write\n", with: "      - content:read\n")
                .replacingOccurrences(of: "owner: chloe", with: "owner: gina")
        }
        let refused = try apply(tree, store, ["--max-removals", "3"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        // chloe held no default as an admin; now a member, she has none on internal-faq either.
        #expect(refused.stderr == """
            orgtree: refused: 14 subjects would lose access, more than --max-removals 3; check the plan, then raise --max-removals if it is intended
              chloe would lose org role admin (now member); owner on every project
              emil would lose reader on internal-faq (the project's default, now none)
              fatima would lose reader on internal-faq (the project's default, now none)
              gina would lose reader on internal-faq (the project's default, now none)
              hugo would lose reader on internal-faq (the project's default, now none)
              ines would lose reader on internal-faq (the project's default, now none)
              jonas would lose editor on helpdesk (now reader)
              kai would lose editor on helpdesk (now reader)
              lena would lose editor on helpdesk (now reader)
              mateo would lose reader on internal-faq (the project's default, now none)
              nora would lose reader on internal-faq (the project's default, now none)
              oskar would lose reader on internal-faq (the project's default, now none)
              pia would lose reader on internal-faq (the project's default, now none)
              token:shop/ci-deploy would lose scopes content:write in production
            orgtree: nothing was written

            """, "\(refused.stderr)")
        #expect(!refused.stderr.contains("default_permissions") && !refused.stderr.contains("loses access:"))
        #expect(try store.column("SELECT CAST(MAX(number) AS TEXT) FROM revisions") == ["1"])
    }

    @Test("a person removed loses what they held; a default raised takes nothing away", arguments: StoreKind.available)
    func removalsCountedRight(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = try StoreTests.sampleCopy(in: store.tmp)
        try FileManager.default.removeItem(atPath: tree + "/assertions")
        #expect(try apply(tree, store).status == 0)
        try FileManager.default.removeItem(atPath: tree + "/people/pia.yaml")
        try StoreTests.edit(tree + "/projects/shop/project.yaml") { $0.replacingOccurrences(of: "    pia: reader\n", with: "") }
        // Every member without access of their own on internal-faq gains: nobody loses.
        try StoreTests.edit(tree + "/projects/internal-faq/project.yaml") { $0.replacingOccurrences(of: "default: reader", with: "default: editor") }
        let refused = try apply(tree, store, ["--max-removals", "0"])
        #expect(refused.status == 1)
        #expect(refused.stderr == """
            orgtree: refused: 1 subject would lose access, more than --max-removals 0; check the plan, then raise --max-removals if it is intended
              pia would lose org role member (now none); reader on shop
            orgtree: nothing was written

            """, "\(refused.stderr)")
        #expect(try apply(tree, store, ["--max-removals", "1"]).status == 0)
    }

    @Test("a plan shows the store's side of its effective changes as (in the store)", arguments: StoreKind.available)
    func storeSideProvenance(kind: StoreKind) throws {
        let store = try TestStore(kind)
        #expect(try apply(Repo.path("sample-org"), store).status == 0)
        let tree = try StoreTests.sampleCopy(in: store.tmp)
        try FileManager.default.removeItem(atPath: tree + "/assertions")
        try StoreTests.edit(tree + "/projects/helpdesk/tokens.yaml") { String($0[..<$0.range(of: "  staging-sync:")!.lowerBound]) }
        try StoreTests.edit(tree + "/teams/backend.yaml") { $0 + "  - kai\n" }
        let plan = try runOrgtree(["plan", tree, "--state", store.url, "--at", day])
        #expect(plan.status == 1)
        let lines = plan.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let was = lines.filter { $0.hasPrefix("was via ") }
        #expect(!was.isEmpty, "\(plan.stdout)")
        // The store's side: no line numbers, whose lines would be those of a tree nobody wrote.
        #expect(was.allSatisfy { $0.hasPrefix("was via (in the store) ") && $0.firstMatch(of: /\.yaml:\d/) == nil }, "\(was)")
        #expect(was.contains("was via (in the store) projects/helpdesk/tokens.yaml scopes: content:read → projects/helpdesk/tokens.yaml owner: bruno → organization.yaml roles.owners: bruno → organization.yaml org owners are owners of every project"), "\(was)")
        // The tree's side keeps its lines.
        #expect(lines.contains("shop: via teams/backend.yaml:4 members kai → projects/shop/project.yaml:22 access.teams.backend: reader"), "\(plan.stdout)")

        let markdown = try runOrgtree(["plan", tree, "--state", store.url, "--at", day, "--format", "markdown"])
        #expect(markdown.stdout.contains("was via (in the store) `projects/helpdesk/tokens.yaml` scopes: content:read → `projects/helpdesk/tokens.yaml` owner: bruno"), "\(markdown.stdout)")
        let json = try runOrgtree(["plan", tree, "--state", store.url, "--at", day, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require((document["effective_changes"] as? [String: Any])?["changes"] as? [[String: Any]])
        let token = try #require(changes.first { $0["subject"] as? String == "token:helpdesk/staging-sync" && $0["kind"] as? String == "token-scopes" })
        let steps = try #require((token["was_via"] as? [[[String: Any]]])?.first)
        #expect(steps.first?["file"] as? String == "projects/helpdesk/tokens.yaml")
        #expect(steps.allSatisfy { $0["line"] is NSNull }, "\(steps)")
    }

    @Test("a plain apply's No changes says what it did not read back", arguments: StoreKind.available)
    func noChangesSaysWhatWasChecked(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let tree = Repo.path("sample-org")
        #expect(try apply(tree, store).status == 0)
        let plain = try apply(tree, store)
        #expect(plain.status == 0)
        #expect(plain.stdout == """
            No changes: \(store.url) is at revision 1 and holds the tree's rows.
            Effective access rows were not read back (apply trusts the digests it recorded when it wrote them); `orgtree drift` or `orgtree apply --recompute-all` checks them.

            """)
        let all = try apply(tree, store, ["--recompute-all"])
        #expect(all.status == 0)
        #expect(all.stdout == "No changes: \(store.url) is at revision 1 and matches the tree, effective access rows included (all read back).\n")

        // Effective rows changed outside orgtree: a plain apply has nothing to write, and
        // says neither that the store matches nor less than plan does.
        try store.sql("DELETE FROM effective_permissions WHERE subject = 'kai'")
        #expect(try apply(tree, store).stdout == plain.stdout)
        let plan = try runOrgtree(["plan", tree, "--state", store.url, "--at", day])
        #expect(plan.status == 0)
        #expect(plan.stdout == """
            Store \(store.url) is at revision 1.

            Changed in the store outside orgtree (drift), 1:
              modified outside orgtree: effective access kai
            Effective rows changed outside orgtree are written back by `apply --recompute-all` only.

            No changes for a plain apply to write; the effective rows above differ from the tree's.

            """)
        #expect(try apply(tree, store, ["--recompute-all"]).stdout.hasPrefix("Applied revision 2"))
        #expect(try runOrgtree(["plan", tree, "--state", store.url, "--at", day]).stdout.hasSuffix("\nNo changes. The store matches the tree.\n"))
    }
}
