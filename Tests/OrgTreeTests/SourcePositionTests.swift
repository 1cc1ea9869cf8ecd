import Testing
import OrgTreeCore

/// A character YAML refuses is reported where it is, and lines are counted as editors and
/// GitHub count them: NEL, U+2028 and U+2029 are refused where they stand, since libyaml
/// would end a line there (and a comment with it) where no editor does.
@Suite("Source positions")
struct SourcePositionTests {
    static let bob = "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"

    static func diagnostics(_ bobText: String) -> [Diagnostic] {
        Validator().validate(texts: RuleExample(["people/bob.yaml": bobText]).tree, at: RuleExampleTests.day)
            .diagnostics.filter { $0.location.file == "people/bob.yaml" }
    }

    static func expectOne(_ bobText: String, line: Int, column: Int, saying words: String,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = diagnostics(bobText)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.rule == .yamlSyntax, sourceLocation: sourceLocation)
        #expect(found.first?.location == OrgTreeCore.SourceLocation(file: "people/bob.yaml", line: line, column: column),
                "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.message.contains(words) == true, "\(found)", sourceLocation: sourceLocation)
    }

    @Test func aNulByteIsReportedWhereItIs() {
        Self.expectOne("firstName: Bob\nlastName: St\u{0}one\nemail: bob@acme.example\ntfa: {method: app}\n",
                       line: 2, column: 13, saying: "control character U+0000")
    }

    @Test func anEscapeInACommentIsReportedWhereItIs() {
        Self.expectOne(Self.bob + "# é \u{1B}]0;title\u{7}\n", line: 5, column: 5, saying: #"write it as \x1B inside a double-quoted string"#)
    }

    @Test func deleteAndC1ControlsAndNonCharactersAreReportedWhereTheyAre() {
        Self.expectOne(Self.bob + "jobTitle: a\u{7F}\n", line: 5, column: 12, saying: "U+007F")
        Self.expectOne(Self.bob + "jobTitle: \"ü\u{9B}31m\"\n", line: 5, column: 13, saying: "U+009B")
        Self.expectOne(Self.bob + "jobTitle: x\u{FFFE}\n", line: 5, column: 12, saying: #"\uFFFE"#)
    }

    @Test func aByteOrderMarkDoesNotShiftTheColumn() {
        Self.expectOne("\u{FEFF}firstName: B\u{1}ob\n", line: 1, column: 13, saying: "U+0001")
    }

    @Test func lineAndParagraphSeparatorsAndNextLineAreRefusedWhereTheyStand() {
        // A comment that would end at U+2028 and hide a key on the same editor line.
        Self.expectOne(Self.bob + "# note\u{2028}jobTitle: hidden\n", line: 5, column: 7, saying: #"U+2028 (LINE SEPARATOR) ends a line for YAML but not for editors; remove it, or write it as \L"#)
        Self.expectOne(Self.bob + "jobTitle: \"Desk\u{2029}top\"\n", line: 5, column: 16, saying: #"\P"#)
        Self.expectOne("firstName: Bob\u{85}\nlastName: Stone\n", line: 1, column: 15, saying: #"\N"#)
    }

    @Test func escapedSeparatorsAreText() {
        let found = Self.diagnostics(Self.bob + "jobTitle: \"Desk\\Ltop\\Pand\\Nmore\"\nslackId: @x\n")
        // The only problem is on line 6, counted as editors count.
        #expect(found.map(\.location.line) == [6], "\(found)")
    }
}
