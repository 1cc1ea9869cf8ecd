/// A bidirectional formatting character (mark, embedding, override, isolate) anywhere in
/// a file: in a name, a title, any value, a key or a comment.
public struct BidiControlRule: Rule {
    private static let bob = "lastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"

    public static let description = RuleDescription(
        name: .bidiControl,
        summary: "A value, key or comment holds a bidirectional formatting character: U+200E, U+200F, U+061C (marks), U+202A–U+202E (embeddings, overrides) or U+2066–U+2069 (isolates), written as is or as a YAML escape.",
        rationale: """
            These characters reorder the text around them when it is shown, so a review shows something else than what is stored: 'Bob\\u{202E}nimda' reads 'Bobadmin' in a pull request. \
            Remove them; a name in a right-to-left script (Arabic, Hebrew) is shown right to left without any. \
            One diagnostic per line, at its first such character; a YAML escape (`"\\u202E"`) is reported at the start of its value. \
            False positives: a name that mixes right-to-left and left-to-right words and really needs a mark to show in order is flagged too; write it without the mark (it is stored the same either way, only shown differently).
            """,
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob↓\u{202E}nimda\n" + bob]),
            RuleExample(["people/bob.yaml": "firstName: Bob\n" + bob + "jobTitle: ↓\"Support \\u2067lead\\u2069\"\n"]),
            RuleExample(["teams/support.yaml": "name: Support\nmembers: [bob] # reviewed by ann↓\u{200F}\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "firstName: \u{5D3}\u{5E0}\u{5D4}\n" + bob]),
            RuleExample(["people/bob.yaml": "firstName: \u{628}\u{627}\u{633}\u{645}\n" + bob + "jobTitle: \u{645}\u{62F}\u{64A}\u{631} Support\n"]),
        ])

    /// Line and column (in characters) of the first bidirectional formatting character on
    /// each line of a file's bytes, and the character.
    /// Whether a byte may start one of the characters: every such character is encoded
    /// from E2 80 8E/8F/AA–AE, E2 81 A6–A9 or D8 9C.
    static func mayStartBidiControl(_ byte: UInt8) -> Bool {
        byte == 0xE2 || byte == 0xD8
    }

    /// Whether a text may hold one of the characters (most texts are ASCII: no).
    static func mayHoldBidiControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: mayStartBidiControl) }
    }

    static func scan(_ bytes: [UInt8]) -> [(line: Int, column: Int, scalar: Unicode.Scalar)] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes.contains(where: mayStartBidiControl) else { return [] }
        var found: [(line: Int, column: Int, scalar: Unicode.Scalar)] = []
        var line = 1, column = 1, flaggedLine = 0
        for scalar in String(decoding: bytes[start...], as: UTF8.self).unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
                continue
            }
            if Confusables.isBidiControl(scalar), flaggedLine != line {
                flaggedLine = line
                found.append((line, column, scalar))
            }
            column += 1
        }
        return found
    }

    static func message(_ scalar: Unicode.Scalar) -> String {
        "\(Confusables.bidiName(scalar)) reorders the text around it, so a review shows something else than what is stored; remove it"
    }
}
