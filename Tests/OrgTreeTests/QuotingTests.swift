import Foundation
import Testing
import OrgTreeCore
import OrgTreeYAML

/// One escaper for every writer: what it writes reads back exactly, in YAML (through our
/// libyaml reader) and in JSON (through Foundation's parser), and in the store's list columns.
@Suite("Quoting")
struct QuotingTests {
    static let awkward: [String] = [
        "plain", "", "say \"hi\"", #"back\slash"#, "tab\there", "line\nbreak", "cr\rlf",
        "bell\u{07}", "escape\u{1B}[0m", "del\u{7F}", "nel\u{85}", "c1\u{9F}", "ls\u{2028}ps\u{2029}",
        "bom\u{FEFF}", "Zoë Ünal", "emoji 🎉", "trailing space ", " leading", "#hash", "- dash", "a: b", "\\N",
    ]

    @Test("YAML double-quoted text reads back exactly", arguments: awkward)
    func yaml(_ text: String) throws {
        let node = try #require(try YAMLReader().read("k: \(Quoting.quoted(text, .yaml))\n").get())
        guard case .mapping(let pairs, _) = node.content else { Issue.record("not a map"); return }
        #expect(pairs[0].value.scalar?.text == text)
    }

    @Test("JSON strings read back exactly", arguments: awkward)
    func json(_ text: String) throws {
        let data = Data("[\(Quoting.quoted(text, .json))]".utf8)
        let decoded = try JSONSerialization.jsonObject(with: data) as? [String]
        #expect(decoded == [text])
    }

    @Test("list columns read back exactly")
    func lists() {
        #expect(ListCoding.decode(ListCoding.encode(Self.awkward)) == Self.awkward)
        #expect(ListCoding.encode(["content:read", "events:write"]) == #"["content:read","events:write"]"#)
    }
}
