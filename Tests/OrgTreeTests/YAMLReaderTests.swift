import Testing
import OrgTreeYAML

@Suite("YAML reader")
struct YAMLReaderTests {
    let reader = YAMLReader()

    func root(_ text: String) throws -> YAMLNode {
        try #require(try reader.read(text).get())
    }

    func problem(_ bytes: [UInt8], limits: YAMLLimits = .standard) -> YAMLProblem? {
        if case .failure(let p) = YAMLReader(limits: limits).read(bytes) { return p }
        return nil
    }

    @Test func keepsLineAndColumnOfEveryNode() throws {
        let node = try root("name: Shop\naccess:\n  people:\n    ann: editor\n")
        guard case .mapping(let pairs, _) = node.content else { Issue.record("not a map"); return }
        #expect(pairs[0].key.mark == SourceMark(line: 1, column: 1))
        #expect(pairs[0].value.mark == SourceMark(line: 1, column: 7))
        guard case .mapping(let access, _) = pairs[1].value.content,
              case .mapping(let people, _) = access[0].value.content else { Issue.record("shape"); return }
        #expect(people[0].key.mark == SourceMark(line: 4, column: 5))
        #expect(people[0].value.scalar?.text == "editor")
    }

    @Test func scalarsStayAsWritten() throws {
        let node = try root("a: no\nb: 012\nc: 1e3\nd: \"true\"\ne: 12:30:00\n")
        guard case .mapping(let pairs, _) = node.content else { return }
        #expect(pairs.map { $0.value.scalar!.text } == ["no", "012", "1e3", "true", "12:30:00"])
        #expect(pairs[3].value.scalar!.style == .doubleQuoted)
        #expect(pairs[0].value.scalar!.style == .plain)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try root("name: Zoë Ünal\nx: y\n")
        guard case .mapping(let pairs, _) = node.content else { return }
        #expect(pairs[1].key.mark == SourceMark(line: 2, column: 1))
        let after = try root("k: [äöü, x]\n")
        guard case .mapping(let p2, _) = after.content, case .sequence(let items, _) = p2[0].value.content else { return }
        #expect(items[1].mark == SourceMark(line: 1, column: 10))
    }

    @Test func emptyStreamHasNoDocument() throws {
        #expect(try reader.read("# only a comment\n").get() == nil)
        #expect(try reader.read("").get() == nil)
    }

    @Test func refusesAliasesAndAnchors() {
        let bomb = """
            a: &a ["x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            """
        let p = problem(Array(bomb.utf8))
        #expect(p?.kind == .unsafe)
        #expect(p?.mark == SourceMark(line: 1, column: 4))
        let alias = problem(Array("a: *x\n".utf8))
        #expect(alias?.kind == .unsafe)
        #expect(alias?.message.contains("aliases") == true)
    }

    @Test func aliasUsedAsKeyIsRefusedQuickly() {
        let p = problem(Array("? *k\n: v\n".utf8))
        #expect(p?.kind == .unsafe)
    }

    @Test func refusesDeepNestingWithoutOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let p = problem(Array(deep.utf8))
        #expect(p?.kind == .unsafe)
        #expect(p?.mark == SourceMark(line: 1, column: 33))
        let deepMaps = String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        #expect(problem(Array(deepMaps.utf8))?.kind == .unsafe)
    }

    @Test func nestingWithinTheLimitIsRead() throws {
        let text = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(throws: Never.self) { try reader.read(text).get() }
    }

    @Test func refusesOversizedInput() {
        let p = problem(Array(repeating: UInt8(ascii: "a"), count: 101), limits: YAMLLimits(maxBytes: 100))
        #expect(p?.kind == .unsafe)
        #expect(p?.message.contains("over the limit") == true)
    }

    @Test func refusesInvalidUTF8AtItsPosition() {
        let p = problem(Array("name: ok\nx: ab".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        #expect(p?.kind == .unsafe)
        #expect(p?.mark == SourceMark(line: 2, column: 6))
        #expect(problem([0xFF, 0xFE, 0x61, 0x00])?.kind == .unsafe)  // UTF-16
        #expect(problem(Array("a: ".utf8) + [0xED, 0xA0, 0x80])?.kind == .unsafe)  // surrogate
        #expect(problem(Array("a: ".utf8) + [0xC0, 0xAF])?.kind == .unsafe)  // overlong
    }

    @Test func acceptsAUTF8ByteOrderMark() throws {
        let node = try #require(try reader.read([0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)).get())
        #expect(node.mark == SourceMark(line: 1, column: 1))
    }

    @Test func syntaxErrorsCarryThePosition() {
        let p = problem(Array("a: [1, 2\nb: c\n".utf8))
        #expect(p?.kind == .syntax)
        #expect(p?.mark.line == 2)
    }

    @Test func oneDocumentPerFile() {
        let p = problem(Array("a: 1\n---\nb: 2\n".utf8))
        #expect(p?.kind == .syntax)
        #expect(p?.mark == SourceMark(line: 2, column: 1))
    }
}
