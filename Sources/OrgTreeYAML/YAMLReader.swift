import CYAML

/// Reads one YAML document from UTF-8 bytes, straight from libyaml's parser events,
/// into `YAMLNode`s that keep the line and column where each node starts.
///
/// It refuses what a configuration file never needs and an attacker would use:
/// anchors and aliases (alias bombs), nesting deeper than `limits.maxDepth`, input
/// larger than `limits.maxBytes` and bytes that are not UTF-8. The node tree is built
/// with an explicit stack, so no input can exhaust the call stack.
public struct YAMLReader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .standard) {
        self.limits = limits
    }

    /// The document in `bytes`, or nil for a file with no document (empty or only comments).
    public func read(_ bytes: [UInt8]) -> Result<YAMLNode?, YAMLProblem> {
        if bytes.count > limits.maxBytes {
            return .failure(YAMLProblem(
                .unsafe,
                "file is \(bytes.count) bytes, over the limit of \(limits.maxBytes) bytes",
                at: .start))
        }
        // A UTF-8 byte-order mark is allowed; skipped so that columns start at 1.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[start...])
            switch UTF8Check.check(buffer) {
            case .invalidByte(let offset):
                return .failure(YAMLProblem(
                    .unsafe,
                    "byte 0x\(Self.hex(UInt32(buffer[offset]), digits: 2)) is not valid UTF-8; files must be UTF-8 text",
                    at: UTF8Check.mark(ofOffset: offset, in: buffer)))
            case .control(let offset, let scalar):
                let escape = scalar > 0xFF ? "\\u\(Self.hex(scalar, digits: 4))" : "\\x\(Self.hex(scalar, digits: 2))"
                return .failure(YAMLProblem(
                    .syntax,
                    "control character U+\(Self.hex(scalar, digits: 4)) is not allowed in YAML; remove it, or write it as \(escape) inside a double-quoted string",
                    at: UTF8Check.mark(ofOffset: offset, in: buffer)))
            case .lineBreak(let offset, let scalar):
                let (name, escape) = switch scalar {
                case 0x85: ("NEXT LINE", "\\N")
                case 0x2028: ("LINE SEPARATOR", "\\L")
                default: ("PARAGRAPH SEPARATOR", "\\P")
                }
                return .failure(YAMLProblem(
                    .syntax,
                    "U+\(Self.hex(scalar, digits: 4)) (\(name)) ends a line for YAML but not for editors; remove it, or write it as \(escape) inside a double-quoted string",
                    at: UTF8Check.mark(ofOffset: offset, in: buffer)))
            case nil:
                return parse(buffer)
            }
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    public func read(_ text: String) -> Result<YAMLNode?, YAMLProblem> {
        read(Array(text.utf8))
    }

    /// A list or map being read: where it starts, its tag, and where its children start
    /// on the stack of read nodes (a map's children are its keys and values, in turn).
    private struct Frame {
        var isSequence: Bool
        var mark: SourceMark
        var tag: String?
        var firstChild: Int
    }

    private func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, YAMLProblem> {
        func sourceMark(_ mark: yaml_mark_t) -> SourceMark {
            SourceMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLProblem(.syntax, "the YAML parser could not start", at: .start))
        }
        defer { yaml_parser_delete(&parser) }
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        // Containers being read, and the nodes read so far whose container is still open:
        // each node is moved once, into its container when that ends.
        var frames: [Frame] = []
        frames.reserveCapacity(8)
        var nodes: [YAMLNode] = []
        nodes.reserveCapacity(32)
        var documents = 0
        var event = yaml_event_t()

        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problemMark = sourceMark(parser.problem_mark)
                return .failure(Self.tabIndentation(line: problemMark.line, in: buffer)
                    ?? Self.problem(of: parser, at: problemMark, context: sourceMark(parser.context_mark)))
            }
            defer { yaml_event_delete(&event) }
            let mark = sourceMark(event.start_mark)

            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(nodes.first)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(YAMLProblem(.syntax, "a file holds one YAML document; found a second one", at: mark))
                }
            case YAML_ALIAS_EVENT:
                return .failure(YAMLProblem(.unsafe, "aliases (*name) are not accepted in orgtree files", at: mark))
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                if data.anchor != nil {
                    return .failure(YAMLProblem(.unsafe, "anchors (&name) are not accepted in orgtree files", at: mark))
                }
                let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                nodes.append(YAMLNode(.scalar(YAMLScalar(text: text, style: Self.style(data.style), tag: Self.string(data.tag))), at: mark))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                if anchor != nil {
                    return .failure(YAMLProblem(.unsafe, "anchors (&name) are not accepted in orgtree files", at: mark))
                }
                if frames.count >= limits.maxDepth {
                    return .failure(YAMLProblem(.unsafe, "nesting is deeper than \(limits.maxDepth) levels", at: mark))
                }
                let tag = Self.string(isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag)
                frames.append(Frame(isSequence: isSequence, mark: mark, tag: tag, firstChild: nodes.count))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = frames.removeLast()
                let children = nodes[frame.firstChild...]
                let node: YAMLNode
                if frame.isSequence {
                    node = YAMLNode(.sequence(Array(children), tag: frame.tag), at: frame.mark)
                } else {
                    var pairs: [YAMLPair] = []
                    pairs.reserveCapacity(children.count / 2)
                    var i = children.startIndex
                    while i + 1 < children.endIndex {
                        pairs.append(YAMLPair(key: children[i], value: children[i + 1]))
                        i += 2
                    }
                    node = YAMLNode(.mapping(pairs, tag: frame.tag), at: frame.mark)
                }
                nodes.removeSubrange(frame.firstChild...)
                nodes.append(node)
            default:
                continue
            }
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// A tab in the indentation of `line` (1-based), where libyaml stopped: YAML indents
    /// with spaces only, which libyaml's own message ("found character that cannot start
    /// any token") does not say.
    private static func tabIndentation(line: Int, in buffer: UnsafeBufferPointer<UInt8>) -> YAMLProblem? {
        var start = 0
        var current = 1
        while current < line, let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            start = newline + 1
            current += 1
        }
        guard current == line else { return nil }
        var column = 1
        for byte in buffer[start...] {
            if byte == UInt8(ascii: "\t") {
                return YAMLProblem(.syntax, "tabs cannot indent YAML; use spaces", at: SourceMark(line: line, column: column))
            }
            guard byte == UInt8(ascii: " ") else { return nil }
            column += 1
        }
        return nil
    }

    private static func problem(of parser: yaml_parser_t, at mark: SourceMark, context contextMark: SourceMark) -> YAMLProblem {
        var message = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(contextMark.line), column \(contextMark.column))"
        }
        return YAMLProblem(.syntax, message, at: mark)
    }
}
