import OrgTreeCore

/// An `AccessGraph` in Graphviz DOT: one statement a line, nodes then edges in the
/// graph's order; every label a quoted string (backslashes and quotes escaped, lines
/// joined by `\n`, other control characters made spaces).
public enum GraphDOTRendering {
    public static func render(_ graph: AccessGraph) -> String {
        var out = "digraph access {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=11];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for node in graph.nodes {
            out += "  \(node.id) [label=\(label(node.lines)), \(shape(node.kind))\(style(node.mark))];\n"
        }
        for edge in graph.edges {
            var attributes = edge.lines.isEmpty ? [] : ["label=\(label(edge.lines))"]
            if let mark = edge.mark { attributes.append(mark == .gained ? "color=\"#1a7f37\"" : "color=\"#cf222e\", style=dashed") }
            out += "  \(edge.from) -> \(edge.to)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        return out + "}\n"
    }

    /// `"ann\nAnn Lee"`: a DOT string whose escapes Graphviz reads as lines.
    static func label(_ lines: [String]) -> String {
        let split = lines.flatMap { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }
        return "\"" + split.map(escape).joined(separator: "\\n") + "\""
    }

    static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
            }
        }
        return out
    }

    private static func shape(_ kind: AccessGraph.NodeKind) -> String {
        switch kind {
        case .subject: "shape=ellipse"
        case .group: "shape=folder"
        case .orgRole: "shape=hexagon"
        case .team: "shape=box, style=rounded"
        case .agency: "shape=component"
        case .grant: "shape=box, style=bold"
        case .note: "shape=note"
        }
    }

    private static func style(_ mark: AccessGraph.Mark?) -> String {
        switch mark {
        case .gained: ", color=\"#1a7f37\""
        case .lost: ", color=\"#cf222e\""
        case nil: ""
        }
    }
}
