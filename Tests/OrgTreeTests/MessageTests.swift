import Foundation
import OrgTreeCore
import Testing

/// Messages that say what to type: each is checked whole, with its rule, file, line and
/// column (`FILE:LINE:COL: error: MESSAGE [rule]`).
@Suite("Messages that name the fix")
struct MessageTests {
    /// The diagnostics of the example base tree with `files` laid over it.
    static func lines(_ files: [String: String]) -> [String] {
        validate(files).diagnostics.map(\.description)
    }

    static let agency = [
        "partners/pixel/partner.yaml": "name: Pixel\nstatus: active\nowner: gus\nactivations:\n  shop:\n    - gus\n",
        "partners/pixel/people/gus.yaml": "firstName: Gus\nlastName: Berg\nemail: gus@pixel.example\ntfa: {method: app}\n",
    ]

    @Test func aTabInIndentationSaysUseSpacesAtTheTab() {
        #expect(Self.lines(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa:\n\tmethod: app\n"])
            == ["people/bob.yaml:5:1: error: tabs cannot indent YAML; use spaces [yaml-syntax]"])
        #expect(Self.lines(["teams/core.yaml": "name: Core\nmembers:\n  - ann\n  \t- bob\n"])
            == ["teams/core.yaml:4:3: error: tabs cannot indent YAML; use spaces [yaml-syntax]"])
    }

    @Test func aTabAfterAKeyIsNoMistake() {
        #expect(Self.lines(["people/bob.yaml": "firstName:\tBob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]) == [])
    }

    @Test func aMisspeltRequiredKeyIsOneDiagnostic() {
        #expect(Self.lines(["people/bob.yaml": "fristName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"])
            == ["people/bob.yaml:1:1: error: unknown key 'fristName' in a person; did you mean 'firstName'? [unknown-key]"])
        // Without a close key, the missing one is still reported.
        #expect(Self.lines(["people/bob.yaml": "given: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]) == [
            "people/bob.yaml:1:1: error: a person needs the key 'firstName' [missing-key]",
            "people/bob.yaml:1:1: error: unknown key 'given' in a person; allowed keys: firstName, lastName, email, tfa, facebookId, slackId, jobTitle [unknown-key]",
        ])
    }

    @Test func tfaWrittenAsAMethodShowsTheMap() {
        #expect(Self.lines(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: app\n"])
            == ["people/bob.yaml:4:6: error: tfa must be a map, found a scalar; write it as 'tfa: {method: app}' [wrong-type]"])
        #expect(Self.lines(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: sms\n"])
            == [#"people/bob.yaml:4:6: error: tfa must be a map, found a scalar; write it as 'tfa: {method: sms, mobile: "+4915123456789"}' [wrong-type]"#])
    }

    @Test func anAgencyNamesItsPeopleByBareID() {
        var files = Self.agency
        files["partners/pixel/partner.yaml"] = "name: Pixel\nstatus: active\nowner: pixel/gus\nactivations:\n  shop:\n    - gus\n    - pixel/gus\n"
        #expect(Self.lines(files).filter { $0.hasSuffix("[invalid-id]") } == [
            "partners/pixel/partner.yaml:3:8: error: 'pixel/gus' is not a valid id for the agency owner; write the bare id 'gus' under partners/pixel/ [invalid-id]",
            "partners/pixel/partner.yaml:7:7: error: 'pixel/gus' is not a valid id for an entry of activations.shop; write the bare id 'gus' under partners/pixel/ [invalid-id]",
        ])
    }

    @Test func unknownReferencesInTheTreeSuggestTheClosestName() {
        var files = Self.agency
        files["teams/core.yaml"] = "name: Core\nmembers: [bbo, gus]\n"
        files["teams/ops.yaml"] = "name: Ops\nincludes: [croe]\n"
        files["projects/shop/project.yaml"] = "name: Shop\nenvironments: [production]\npartners:\n  pixl: {enabled: true}\n  pixel:\n    enabled: true\n    people: {pixel/gsu: reader}\n"
        files["partners/pixel/partner.yaml"] = "name: Pixel\nstatus: active\nowner: gsu\nactivations:\n  sohp: [gsu]\n"
        files["assertions/a.yaml"] = "- can: token:shop/deplyo\n  do: content:read\n"
        files["projects/shop/tokens.yaml"] = "tokens:\n  deploy: {owner: ann, environment: production, scopes: [content:read], expires: 2099-01-01}\n"
        let lines = Self.lines(files).filter { $0.hasSuffix("[unknown-reference]") }
        #expect(lines == [
            "assertions/a.yaml:1:8: error: the assertion names token:shop/deplyo, but projects/shop/tokens.yaml has no token 'deplyo'; did you mean 'token:shop/deploy'? [unknown-reference]",
            "partners/pixel/partner.yaml:3:8: error: the owner of agency pixel is 'gsu', but there is no partners/pixel/people/gsu.yaml; did you mean 'gus'? [unknown-reference]",
            "partners/pixel/partner.yaml:5:3: error: activations names project 'sohp', but there is no projects/sohp/project.yaml; did you mean 'shop'? [unknown-reference]",
            "partners/pixel/partner.yaml:5:10: error: activations.sohp names 'gsu', but there is no partners/pixel/people/gsu.yaml; did you mean 'gus'? [unknown-reference]",
            "projects/shop/project.yaml:4:3: error: partners names agency 'pixl', but there is no partners/pixl/partner.yaml; did you mean 'pixel'? [unknown-reference]",
            "projects/shop/project.yaml:7:14: error: partners.pixel.people names 'pixel/gsu', but there is no partners/pixel/people/gsu.yaml; did you mean 'pixel/gus'? [unknown-reference]",
            "teams/core.yaml:2:11: error: team core names 'bbo', but there is no people/bbo.yaml; did you mean 'bob'? [unknown-reference]",
            "teams/core.yaml:2:16: error: team core names 'gus', but there is no people/gus.yaml; did you mean 'pixel/gus'? [unknown-reference]",
            "teams/ops.yaml:2:12: error: team ops names team 'croe', but there is no teams/croe.yaml; did you mean 'core'? [unknown-reference]",
        ])
    }

    @Test func namesOnTheCommandLineSuggestTheClosestOne() throws {
        let s = Repo.path("sample-org")
        let cases: [([String], String)] = [
            (["explain", s, "kia", "content.write", "--on", "helpdesk"], "there is no kia in the tree (people/kia.yaml); did you mean 'kai'?"),
            (["explain", s, "hana", "content.read", "--on", "helpdesk"], "there is no hana in the tree (people/hana.yaml); did you mean 'pixel/hana'?"),
            (["effective", s, "--subject", "pixel/han"], "there is no pixel/han in the tree (partners/pixel/people/han.yaml); did you mean 'pixel/hana'?"),
            (["effective", s, "--subject", "token:shop/ci-deplyo"], "there is no token:shop/ci-deplyo in the tree (projects/shop/tokens.yaml); did you mean 'token:shop/ci-deploy'?"),
            (["who-can", s, "content.write", "--on", "helpdesc"], "there is no project 'helpdesc' in the tree; did you mean 'helpdesk'?"),
            (["effective", s, "--project", "web"], "there is no project 'web' in the tree; its projects: helpdesk, internal-faq, onboarding, shop"),
            (["who-can", s, "content.wrote"], "'content.wrote' is not a permission or token scope; did you mean 'content.write'?"),
            (["diff", s, s, "--actor", "kia"], "--actor kia is a person of neither tree; did you mean 'kai'?"),
            (["rules", "team-cylce"], "no rule named 'team-cylce'; did you mean 'team-cycle'?"),
            (["rules", "frobnicate"], "no rule named 'frobnicate'; `orgtree rules` lists them"),
            (["validte", s], "unknown command 'validte'; did you mean 'validate'?"),
        ]
        for (arguments, message) in cases {
            let r = try runOrgtree(arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr == "orgtree: error: \(message)\n", "\(arguments)")
        }
    }

    @Test func aMisplacedFileIsToldWhereFilesGo() {
        let person = "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"
        #expect(Self.lines(["projects/shop/access.yaml": "people: {}\n", "people/ops/bob.yaml": person, "org.yaml": "id: acme\n"]) == [
            "org.yaml:1:1: error: the tree layout has no place for 'org.yaml': a tree holds organization.yaml and the folders people/, teams/, projects/, partners/ and assertions/; `orgtree rules unknown-key` shows where each file goes [unknown-key]",
            "people/ops/bob.yaml:1:1: error: the tree layout has no place for 'people/ops/bob.yaml': people/ holds one .yaml file per person and no folders [unknown-key]",
            "projects/shop/access.yaml:1:1: error: the tree layout has no place for 'projects/shop/access.yaml': a project's folder holds project.yaml and tokens.yaml only [unknown-key]",
        ])
    }

    @Test func aFolderThatIsNoTreeIsToldWhatATreeHolds() throws {
        let dir = TemporaryFolder()
        let r = try runOrgtree(["validate", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr == "orgtree: error: no organization.yaml in \(dir.path) — is this an orgtree tree? A tree holds organization.yaml, people/, teams/, projects/, partners/ and assertions/ (`orgtree rules unknown-key` shows where each file goes)\n")
        #expect(try runOrgtree(["rules", "unknown-key"]).stdout.contains("partners/<agency>/people/<person>.yaml   the agency's people\n"))
    }

    @Test func aSwapOfTwoLettersIsOneEdit() {
        #expect(Suggestion.closest(to: "kia", among: ["ann", "kai"]) == "kai")
        #expect(Suggestion.closest(to: "team-cylce", among: RuleName.allCases.map(\.rawValue)) == "team-cycle")
        #expect(Suggestion.closest(to: "zed", among: ["ann", "kai"]) == nil)
    }
}
