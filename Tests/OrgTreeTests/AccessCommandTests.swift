import Foundation
import Testing

@Suite("effective, explain and who-can")
struct AccessCommandTests {
    let sample = Repo.path("sample-org")
    let day = "2026-11-23"

    @Test func explainGrantedPrintsEveryChainAndExitsZero() throws {
        let r = try runOrgtree(["explain", sample, "kai", "content.write", "--on", "helpdesk", "--at", day])
        #expect(r.status == 0)
        #expect(r.stdout.contains("kai can content.write on helpdesk"))
        #expect(r.stdout.contains("teams/tier2.yaml:8 includes support → teams/support.yaml:6 members kai → projects/helpdesk/project.yaml:19 access.teams.tier2: editor"))
    }

    @Test func explainNotGrantedSaysWhichStepIsMissingAndExitsOne() throws {
        let reader = try runOrgtree(["explain", sample, "pixel/hana", "content.write", "--on", "helpdesk", "--at", day])
        #expect(reader.status == 1)
        #expect(reader.stdout.contains("pixel/hana is reader on helpdesk; content.write needs editor (projects/helpdesk/project.yaml:"))
        let pending = try runOrgtree(["explain", sample, "birch/wren", "project.read", "--on", "helpdesk", "--at", day])
        #expect(pending.status == 1)
        #expect(pending.stdout.contains("agency birch is pending, not active (partners/birch/partner.yaml:"))
        let admin = try runOrgtree(["explain", sample, "chloe", "billing.manage", "--at", day])
        #expect(admin.status == 1)
        #expect(admin.stdout.contains("chloe is an org admin"))
    }

    @Test func explainTokenScopesAndExpiry() throws {
        let ok = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--at", day])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("owner: gina"))
        let expired = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--at", "2031-01-01"])
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("expired on"))
        let other = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:read", "--on", "helpdesk", "--at", day])
        #expect(other.status == 1)
    }

    /// A token holds its scopes in its own environment only; people's project access
    /// holds in every environment of the project.
    @Test func tokensAreBoundToTheirEnvironment() throws {
        let own = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--env", "production", "--at", day])
        #expect(own.status == 0)
        #expect(own.stdout.hasPrefix("token:shop/ci-deploy can content:write in production\n"))
        let other = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--env", "staging", "--at", day])
        #expect(other.status == 1)
        #expect(other.stdout.contains("bound to the production environment of shop; a token never acts in another environment (asked: staging) (projects/shop/tokens.yaml:8)"))
        let person = try runOrgtree(["explain", sample, "gina", "content.write", "--on", "shop", "--env", "staging", "--at", day])
        #expect(person.status == 0)
        #expect(person.stdout.hasPrefix("gina can content.write on shop in staging\n"))
        let json = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--env", "staging", "--at", day, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["environment"] as? String == "staging")
        #expect(object["granted"] as? Bool == false)

        // Asking about an environment the project lacks, or an org permission in one: exit 2.
        let missing = try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--env", "development"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("project shop has no development environment (it has sandbox, staging, production)"))
        #expect(try runOrgtree(["explain", sample, "ann", "billing.manage", "--env", "staging"]).stderr.contains("drop --env"))
        #expect(try runOrgtree(["explain", sample, "token:shop/ci-deploy", "content:write", "--env", "prod"]).stderr.contains("write one of sandbox, development, staging, production"))

        let all = try runOrgtree(["who-can", sample, "content:read", "--at", day])
        #expect(all.stdout.contains("ENVIRONMENT"))
        #expect(all.stdout.contains("token:helpdesk/staging-sync     helpdesk  staging"))
        let staging = try runOrgtree(["who-can", sample, "content:read", "--env", "staging", "--at", day])
        #expect(staging.stdout.contains("token:helpdesk/staging-sync"))
        #expect(!staging.stdout.contains("token:shop/ci-deploy"))
        #expect(staging.stdout.hasSuffix("1 subject can content:read in staging\n"))
        let holders = try runOrgtree(["who-can", sample, "content:read", "--env", "staging", "--at", day, "--format", "json"])
        let list = try #require((try JSONSerialization.jsonObject(with: Data(holders.stdout.utf8)) as? [String: Any])?["holders"] as? [[String: Any]])
        #expect(list.map { $0["environment"] as? String } == ["staging"])
    }

    @Test func explainUsageErrorsExitTwo() throws {
        #expect(try runOrgtree(["explain", sample, "nobody", "org.read"]).status == 2)
        #expect(try runOrgtree(["explain", sample, "kai", "fly.plane"]).status == 2)
        #expect(try runOrgtree(["explain", sample, "kai", "content.write"]).status == 2)  // needs --on
        #expect(try runOrgtree(["explain", sample, "kai", "content.write", "--on", "nowhere"]).status == 2)
        #expect(try runOrgtree(["explain", sample]).status == 2)
    }

    @Test func explainJSON() throws {
        let r = try runOrgtree(["explain", sample, "kai", "content.write", "--on", "helpdesk", "--at", day, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["granted"] as? Bool == true)
        let via = try #require(object["via"] as? [[[String: Any]]])
        #expect(via.first?.last?["file"] as? String == "projects/helpdesk/project.yaml")
    }

    @Test func effectiveForOnePersonShowsProjectsAndTheRest() throws {
        let r = try runOrgtree(["effective", sample, "--person", "kai", "--at", day])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("kai  org member"))
        #expect(r.stdout.contains("helpdesk      editor"))
        #expect(!r.stdout.contains("shop "))
        let owner = try runOrgtree(["effective", sample, "--person", "ann", "--at", day])
        #expect(owner.stdout.contains("owner on 4 projects as org owner"))
    }

    @Test func effectiveWholeMatrixIsSortedAndStable() throws {
        let a = try runOrgtree(["effective", sample, "--at", day, "--format", "json"])
        let b = try runOrgtree(["effective", sample, "--at", day, "--format", "json"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let subjects = try #require(object["subjects"] as? [[String: Any]])
        let names = subjects.map { $0["subject"] as! String }
        #expect(names.first == "ann")
        #expect(names.contains("pixel/gus"))
        #expect(names.last?.hasPrefix("token:") == true)
        #expect(names.count == 16 + 4 + 4)  // people, agency people, tokens
    }

    @Test func effectiveOnOneProjectIncludesBulkGrants() throws {
        let r = try runOrgtree(["effective", sample, "--project", "internal-faq", "--at", day, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let subjects = try #require(object["subjects"] as? [[String: Any]])
        let nora = try #require(subjects.first { $0["subject"] as? String == "nora" })
        let projects = try #require(nora["projects"] as? [[String: Any]])
        #expect(projects.first?["role"] as? String == "reader")  // from the project default
        #expect(try runOrgtree(["effective", sample, "--project", "nowhere"]).status == 2)
        #expect(try runOrgtree(["effective", sample, "--person", "pixel/gus"]).status == 2)
    }

    @Test func whoCanListsHoldersWithRoleAndChain() throws {
        let r = try runOrgtree(["who-can", sample, "content.write", "--on", "helpdesk", "--at", day])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("SUBJECT") == true)
        #expect(lines.contains { $0.hasPrefix("pixel/gus") && $0.contains("editor") })
        #expect(!lines.contains { $0.hasPrefix("pixel/hana") })
        #expect(lines.last == "9 subjects can content.write on helpdesk")
        let billing = try runOrgtree(["who-can", sample, "billing.manage", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(billing.stdout.utf8)) as? [String: Any])
        let holders = try #require(object["holders"] as? [[String: Any]])
        #expect(holders.map { $0["subject"] as! String } == ["ann", "bruno"])
        #expect(try runOrgtree(["who-can", sample, "billing.manage", "--on", "shop"]).status == 2)
    }
}
