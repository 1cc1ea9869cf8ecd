import Testing
import Foundation
import OrgTreeCore

@Suite("Typed scalars and structure")
struct ScalarTypingTests {
    @Test func yaml11LookalikesInStringFieldsStayText() throws {
        let result = validate([
            "people/no.yaml": "firstName: no\nlastName: on\nemail: no@acme.example\ntfa: {method: app}\njobTitle: 012\nslackId: 1e3\n",
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let person = try #require(result.tree.people["no"])
        #expect(person.firstName?.value == "no")
        #expect(person.lastName?.value == "on")
        #expect(person.jobTitle?.value == "012")
        #expect(person.slackID?.value == "1e3")
    }

    @Test func anUnquotedReferenceToAPersonCalledNoResolves() {
        let result = validate([
            "people/no.yaml": "firstName: Noa\nlastName: Ng\nemail: no@acme.example\ntfa: {method: app}\n",
            "teams/core.yaml": "name: Core\nmembers: [no, bob]\n",
            "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  default: none\n  teams:\n    core: editor\n",
            "assertions/no.yaml": "- can: no\n  do: content.write\n  on: shop\n",
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func booleansAreTrueAndFalseOnly() {
        for (written, ok) in [("true", true), ("false", true), ("yes", false), ("on", false), ("\"true\"", false), ("True", false), ("1", false)] {
            let result = validate(["projects/shop/project.yaml": "name: Shop\nenvironments: [production]\nhandover:\n  slack: \(written)\n  agents: []\n"])
            let wrong = result.diagnostics.filter { $0.rule == .wrongType }
            #expect(wrong.isEmpty == ok, "slack: \(written)")
            if !ok { #expect(wrong.first?.location == SourceLocation(file: "projects/shop/project.yaml", line: 4, column: 10)) }
        }
    }

    @Test func integersAreDecimalDigitsOnly() {
        for (written, ok) in [("3", true), ("0", true), ("012", false), ("0x10", false), ("1e3", false), ("-1", false), ("\"3\"", false), ("3.0", false)] {
            let result = validate(["organization.yaml": "id: acme\nname: Acme\ncreatedBy: ann\nplan:\n  name: growth\n  projects: \(written)\n  extraProjects: 1\nbilling:\n  paymentMethod: card\nroles:\n  owners: [ann]\n"])
            let wrong = result.diagnostics.filter { $0.rule == .wrongType }
            #expect(wrong.isEmpty == ok, "projects: \(written) → \(result.diagnostics)")
        }
    }

    @Test func duplicateKeyIsReportedAtTheSecondOccurrence() {
        let result = validate(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\nlastName: Stein\n"])
        let d = result.diagnostics.filter { $0.rule == .duplicateKey }
        #expect(d.map(\.location) == [SourceLocation(file: "people/bob.yaml", line: 5, column: 1)])
        #expect(d.first?.message.contains("line 2") == true)
        #expect(result.tree.people["bob"]?.lastName?.value == "Stone")
    }

    @Test func unknownKeySuggestsTheClosestKey() {
        let result = validate(["people/bob.yaml": "firstName: Bob\nlastname: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"])
        let unknown = result.diagnostics.first { $0.rule == .unknownKey }
        #expect(unknown?.message.contains("did you mean 'lastName'?") == true)
        #expect(unknown?.location == SourceLocation(file: "people/bob.yaml", line: 2, column: 1))
        // The misspelt key is the one mistake: 'lastName' is not reported missing as well.
        #expect(!result.diagnostics.contains { $0.rule == .missingKey })
    }

    @Test func invalidValueListsTheAllowedValues() {
        let result = validate(["projects/shop/project.yaml": "name: Shop\nenvironments: [prod]\n"])
        let d = result.diagnostics.first { $0.rule == .invalidValue }
        #expect(d?.message.contains("sandbox, development, staging, production") == true)
    }

    @Test func emptyFilesAndWrongTopLevelTypes() {
        let result = validate(["teams/a.yaml": "", "teams/b.yaml": "- x\n", "assertions/c.yaml": "can: ann\n"])
        let files = result.diagnostics.filter { $0.rule == .wrongType }.map(\.location.file)
        #expect(files == ["assertions/c.yaml", "teams/a.yaml", "teams/b.yaml"])
    }

    @Test func allProblemsAreReportedInOneRunInStableOrder() {
        let files = [
            "people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bad\ntfa: {method: sms}\n",
            "teams/x.yaml": "name: X\nmembers: [zed]\nincludes: [x]\n",
        ]
        let first = validate(files).diagnostics
        #expect(first.count >= 4)
        #expect(first == first.sorted())
        #expect(validate(files).diagnostics == first)
    }

    @Test func missingOrganizationFileIsReported() {
        let result = validate([:], removing: ["organization.yaml"])
        #expect(result.diagnostics.contains { $0.rule == .missingKey && $0.location.file == "organization.yaml" })
    }

    @Test func invalidIDsInFileAndFolderNames() {
        let result = validate(["projects/My Shop/project.yaml": "name: x\n", "teams/Core.yaml": "name: Core\n"])
        let ids = result.diagnostics.filter { $0.rule == .invalidID }.map(\.location.file)
        #expect(ids == ["projects/My Shop/project.yaml", "teams/Core.yaml"])
    }
}
