import OrgTreeCore

/// An `AccessGraph` as a Mermaid flowchart: `flowchart LR`, one `id["label"]` a node,
/// one `a -->|"label"| b` an edge (`-.->` for a lost path), then `classDef` and `class`
/// lines. Labels keep letters, digits, spaces and `.,:/_-+=!?'`; every other character
/// is written as Mermaid's `#code;`, so no quote, bracket, `<`, `|` or `;` of the tree
/// ends a label or turns into markup, and lines are joined by `<br/>`.
public enum GraphMermaidRendering {
    public static func render(_ graph: AccessGraph) -> String {
        var out = "flowchart LR\n"
        for node in graph.nodes {
            out += "  \(node.id)[\"\(label(node.lines))\"]\n"
        }
        for edge in graph.edges {
            let arrow = edge.mark == .lost ? "-.->" : "-->"
            out += "  \(edge.from) \(arrow)" + (edge.lines.isEmpty ? "" : "|\"\(label(edge.lines))\"|") + " \(edge.to)\n"
        }
        for (name, style) in classes {
            out += "  classDef \(name) \(style)\n"
        }
        for (name, _) in classes {
            let members = graph.nodes.filter { className($0.kind) == name || $0.mark?.rawValue == name }.map(\.id)
            if !members.isEmpty { out += "  class \(members.joined(separator: ",")) \(name)\n" }
        }
        return out
    }

    /// Styles, in the order their `class` lines come (a mark's after the kinds', so it wins).
    static let classes: [(String, String)] = [
        ("subject", "fill:#e8f0fe,stroke:#4a6fa5"),
        ("group", "fill:#eef5e9,stroke:#5f8a4c"),
        ("role", "fill:#fff4d6,stroke:#b08800"),
        ("team", "fill:#f3effa,stroke:#7a5ea8"),
        ("agency", "fill:#fdeee8,stroke:#b5583a"),
        ("grant", "fill:#ffffff,stroke:#333333,stroke-width:2px"),
        ("note", "fill:#f6f8fa,stroke:#999999"),
        ("gained", "stroke:#1a7f37,stroke-width:3px"),
        ("lost", "stroke:#cf222e,stroke-width:3px"),
    ]

    private static func className(_ kind: AccessGraph.NodeKind) -> String {
        kind == .orgRole ? "role" : kind.rawValue
    }

    static func label(_ lines: [String]) -> String {
        lines.flatMap { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }.map(escape).joined(separator: "<br/>")
    }

    static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        for character in text {
            if character.isLetter || character.isNumber || " .,:/_-+=!?'".contains(character) {
                out.append(character)
            } else {
                for scalar in character.unicodeScalars { out += "#\(scalar.value);" }
            }
        }
        return out
    }
}
