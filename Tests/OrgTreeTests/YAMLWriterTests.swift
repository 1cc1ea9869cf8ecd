import Testing
@testable import OrgTreeCore
import OrgTreeYAML

/// The one YAML writer of generated and imported trees: its layout, and scalars that
/// read back as the text they were written from.
@Suite("YAML writer")
struct YAMLWriterTests {
    @Test("mappings, block and flow lists, list items, comments; empty ones as {} and []")
    func layout() throws {
        var y = YAMLWriter()
        y.comment("a comment")
        y.field("id", .plain("acme"))
        y.mapping("roles") { y in
            y.blockList("owners", [.plain("ann"), .plain("bob")])
            y.blockList("admins", [])
            y.flowList("members", [.plain("cy"), .quoted("d")])
        }
        y.mapping("activations") { _ in }
        y.mapping("tests") { y in
            y.listItem { y in
                y.field("can", .plain("ann"))
                y.mapping("on") { y in y.field("project", .plain("shop")) }
            }
            y.listItem { _ in }
        }
        #expect(y.text == """
            # a comment
            id: acme
            roles:
              owners:
                - ann
                - bob
              admins: []
              members: [cy, "d"]
            activations: {}
            tests:
              - can: ann
                on:
                  project: shop
              - {}

            """)
        #expect(try YAMLReader().read(y.text).get() != nil)
    }

    @Test("text is plain only where no reader can misread it, and reads back exactly", arguments: [
        ("Zoë", true), ("O'Brien", true), ("Support 2", true), ("Internal FAQ", true),
        ("yes", false), ("No", false), ("null", false), ("true", false), ("12", false), ("a: b", false),
        ("two  spaces", false), ("trailing ", false), ("#hash", false), ("", false), ("say \"hi\"", false),
    ])
    func text(_ text: String, plain: Bool) throws {
        let written = YAMLWriter.Scalar.text(text).written
        #expect((written == text) == plain)
        var y = YAMLWriter()
        y.field("k", .text(text))
        let node = try #require(try YAMLReader().read(y.text).get())
        guard case .mapping(let pairs, _) = node.content else { Issue.record("not a map"); return }
        #expect(pairs[0].value.scalar?.text == text)
        #expect(pairs[0].value.scalar?.style.isPlain == plain)
    }
}
