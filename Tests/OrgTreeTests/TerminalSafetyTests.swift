import Foundation
import Testing
import OrgTreeCore
@testable import OrgTreeState

/// Text for terminals and CI logs never carries a control character from the tree: an ESC
/// in a value or a file name is shown as `\u{1B}`, and a line feed in a file name cannot
/// forge a diagnostic line or a workflow command.
@Suite("Terminal safety")
struct TerminalSafetyTests {
    /// A tree whose diagnostics quote an OSC 8 hyperlink and a colour sequence (YAML
    /// escapes), a raw ESC byte in a comment, and a file name with a line feed and an ESC.
    static func hostileTree() -> TemporaryFolder {
        let dir = TemporaryFolder()
        dir.writeTree([
            "people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n\"job\\e]8;;https://evil.example\\e\\\\Title\\x1b[31m\": Dev\n",
        ])
        dir.write("people/ann.yaml", Array("# \u{1B}]0;owned\u{07}\nfirstName: Ann\nlastName: Lee\nemail: ann@acme.example\ntfa:\n  method: app\n".utf8))
        dir.write("people/x\n::error file=forged.yaml::forged\u{1B}[2J.yaml", "firstName: X\n")
        return dir
    }

    static func diagnosticCount(_ dir: TemporaryFolder) throws -> Int {
        let json = try runOrgtree(["validate", dir.path, "--format", "json", "--at", "2026-06-01"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        return (object["diagnostics"] as! [Any]).count
    }

    /// Control characters other than the line feeds that end lines.
    static func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && TerminalText.isEscaped($0) }
    }

    @Test func textOutputShowsControlCharactersEscapedOneLinePerDiagnostic() throws {
        let dir = Self.hostileTree()
        let count = try Self.diagnosticCount(dir)
        #expect(count >= 3)
        let result = try runOrgtree(["validate", dir.path, "--at", "2026-06-01"])
        #expect(result.status == 1)
        #expect(Self.controls(result.stdout).isEmpty, "\(result.stdout.debugDescription)")
        let headers = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
        #expect(headers.count == count, "\(result.stdout)")
        #expect(result.stdout.contains(#"people/x\u{A}::error file=forged.yaml::forged\u{1B}[2J.yaml:1:1: error:"#))
        #expect(result.stdout.contains(#"\u{1B}]8;;https://evil.example\u{1B}\Title\u{1B}[31m"#))
        #expect(result.stdout.contains(#"# \u{1B}]0;owned\u{7}"#))
    }

    @Test func githubAnnotationsAreOneCommandPerDiagnostic() throws {
        let dir = Self.hostileTree()
        let count = try Self.diagnosticCount(dir)
        let result = try runOrgtree(["validate", dir.path, "--format", "github", "--at", "2026-06-01"])
        #expect(Self.controls(result.stdout).isEmpty, "\(result.stdout.debugDescription)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let commands = lines.filter { $0.hasPrefix("::") }
        #expect(commands.count == count, "\(result.stdout)")
        // Diagnostics, the summary and the final line feed: nothing else.
        #expect(lines.count == count + 2, "\(result.stdout)")
        #expect(result.stdout.contains("/people/x\\u{A}%3A%3Aerror file=forged.yaml%3A%3Aforged\\u{1B}[2J.yaml,line=1,col=1"))
    }

    @Test func everyKindOfLineBreakAndReorderingIsEscaped() {
        let hostile = "a\u{0}b\tc\u{7F}d\u{85}e\u{9B}f\u{2028}g\u{2029}h\u{202E}i\u{2066}j\u{2069}k\r"
        #expect(TerminalText.escaped(hostile) == #"a\u{0}b\u{9}c\u{7F}d\u{85}e\u{9B}f\u{2028}g\u{2029}h\u{202E}i\u{2066}j\u{2069}k\u{D}"#)
        #expect(TerminalText.escaped("Zoë → ok \\ é") == "Zoë → ok \\ é")
    }

    @Test func auditLogAndInvitationsShowWhatTheStoreHoldsEscaped() throws {
        let store = try StateURL("sqlite:state.db")
        var rendering = AuditLogRendering(.text, store: store, filter: AuditFilter())
        let entry = AuditEntry(seq: 1, revision: 1, at: "2026-06-01T10:00:00Z", actor: "ann\u{1B}[8m", gitCommit: nil,
                               action: "insert", target: "people x\ny", before: nil, after: "{\"firstName\":\"\u{1B}]0;t\u{7}\"}")
        let text = rendering.entry(entry)
        #expect(Self.controls(text).isEmpty, "\(text.debugDescription)")
        #expect(text.split(separator: "\n").count == 2)
        let invitation = PendingInvitation(person: "x\u{202E}y", email: "x@acme.example\r\n", invitedAt: "2026-06-01T10:00:00Z")
        let list = InvitationRendering.text([invitation], store: store, on: Day("2026-06-02")!)
        #expect(Self.controls(list).isEmpty, "\(list.debugDescription)")
        #expect(list.contains(#"x\u{202E}y"#))
    }

    @Test func diffTextShowsANameWithEscapesEscaped() throws {
        let old = TemporaryFolder(), new = TemporaryFolder()
        old.writeTree()
        new.writeTree(["people/bob.yaml": #"firstName: "Bo\e]8;;https://evil.example\e\\b\nforged""# + "\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"])
        let result = try runOrgtree(["diff", old.path, new.path, "--at", "2026-06-01"])
        #expect(Self.controls(result.stdout).isEmpty, "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains(#"firstName Bob → Bo\u{1B}]8;;https://evil.example\u{1B}\b\u{A}forged"#), "\(result.stdout)")
    }
}
