import Testing
import OrgTreeKit

/// `SourceTexts.line` quotes a line as editors count them, through its line index.
@Suite("Source texts")
struct SourceTextsTests {
    let texts = SourceTexts([
        "a.yaml": Array("one\r\ntwo\nthree".utf8),
        "b.yaml": Array("only\n".utf8),
        "c.yaml": [],
    ])

    @Test func linesEndAtLineFeedsWithoutTheirCarriageReturn() {
        #expect(texts.line(1, of: "a.yaml") == "one")
        #expect(texts.line(2, of: "a.yaml") == "two")
        #expect(texts.line(3, of: "a.yaml") == "three")
        #expect(texts.line(4, of: "a.yaml") == nil)
    }

    @Test func aFinalLineFeedStartsAnEmptyLine() {
        #expect(texts.line(1, of: "b.yaml") == "only")
        #expect(texts.line(2, of: "b.yaml") == "")
        #expect(texts.line(3, of: "b.yaml") == nil)
    }

    @Test func unknownFilesAndLinesAreNil() {
        #expect(texts.line(1, of: "c.yaml") == "")
        #expect(texts.line(0, of: "b.yaml") == nil)
        #expect(texts.line(1, of: "missing.yaml") == nil)
    }

    @Test func manyLinesAreQuotedInLinearTime() {
        let count = 200_000
        let big = SourceTexts(["big.yaml": Array(String(repeating: "k: 1\n", count: count).utf8)])
        let clock = ContinuousClock()
        // A renderer indexes a file once (`lines(of:)`) and quotes each of its lines from it.
        let elapsed = clock.measure {
            let lines = big.lines(of: "big.yaml")!
            for n in 1...count { _ = lines.line(n) }
        }
        #expect(elapsed < .seconds(20))
    }
}
