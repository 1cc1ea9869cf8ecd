/// A position in a source text: 1-based line and column (columns count characters).
public struct SourceMark: Hashable, Comparable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourceMark(line: 1, column: 1)

    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// How a scalar was written. Typing by field needs it: `"true"` is text, `true` a boolean.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    public var isPlain: Bool { self == .plain }
}

public struct YAMLScalar: Sendable, Hashable {
    /// The text as written, after YAML unescaping/folding; never reinterpreted.
    public var text: String
    public var style: ScalarStyle
    /// An explicit tag (`!!str` reads as `tag:yaml.org,2002:str`), nil when none was written.
    public var tag: String?

    public init(text: String, style: ScalarStyle = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// `key:` with nothing after it.
    public var isEmptyPlain: Bool { style == .plain && text.isEmpty && tag == nil }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// One node of a YAML document, with the position where it starts.
public struct YAMLNode: Sendable {
    public indirect enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode], tag: String?)
        case mapping([YAMLPair], tag: String?)
    }

    public var content: Content
    public var mark: SourceMark

    public init(_ content: Content, at mark: SourceMark) {
        self.content = content
        self.mark = mark
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// What kind of node this is, in words for diagnostics.
    public var kindDescription: String {
        switch content {
        case .scalar(let s): return s.isEmptyPlain ? "nothing" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a map"
        }
    }
}
