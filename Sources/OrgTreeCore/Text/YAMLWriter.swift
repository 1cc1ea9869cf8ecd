/// YAML text as orgtree writes trees (`orgtree generate`, `orgtree import`), line by line:
/// block mappings two spaces deeper per level, lists in block or flow style, comments,
/// and scalars written as `YAMLWriter.Scalar` says. An empty mapping is written `{}` and an
/// empty block list `[]`, so neither reads back as null.
struct YAMLWriter {
    private(set) var text = ""
    /// Two spaces for each open mapping or list item.
    private var indentation = ""
    /// The next line starts an item of a block list: `- ` in place of its last two spaces.
    private var startsItem = false

    init(capacity: Int = 256) {
        text.reserveCapacity(capacity)
    }

    /// `# line`.
    mutating func comment(_ line: String) {
        startLine()
        text += "# "
        text += line
        text += "\n"
    }

    /// `key: value`.
    mutating func field(_ key: String, _ value: Scalar) {
        startLine()
        text += key
        text += ": "
        text += value.written
        text += "\n"
    }

    /// `key:` and the mapping `body` writes, one level deeper; `key: {}` when it writes nothing.
    mutating func mapping(_ key: String, _ body: (inout YAMLWriter) -> Void) {
        startLine()
        text += key
        text += ":\n"
        let end = text.utf8.count
        indentation += "  "
        body(&self)
        indentation.removeLast(2)
        if text.utf8.count == end {
            text.removeLast()
            text += " {}\n"
        }
    }

    /// `key:` and an item `- value` a line, one level deeper; `key: []` when there are none.
    mutating func blockList(_ key: String, _ items: [Scalar]) {
        startLine()
        text += key
        guard !items.isEmpty else {
            text += ": []\n"
            return
        }
        text += ":\n"
        for item in items {
            text += indentation
            text += "  - "
            text += item.written
            text += "\n"
        }
    }

    /// `key: [a, b]`.
    mutating func flowList(_ key: String, _ items: [Scalar]) {
        startLine()
        text += key
        text += ": ["
        for (i, item) in items.enumerated() {
            if i > 0 { text += ", " }
            text += item.written
        }
        text += "]\n"
    }

    /// One item of a block list of mappings: the mapping `body` writes, its first line
    /// after `- `, the others under it; `- {}` when it writes nothing.
    mutating func listItem(_ body: (inout YAMLWriter) -> Void) {
        indentation += "  "
        startsItem = true
        body(&self)
        indentation.removeLast(2)
        if startsItem {
            startsItem = false
            text += indentation
            text += "- {}\n"
        }
    }

    private mutating func startLine() {
        if startsItem {
            startsItem = false
            text += indentation.dropLast(2)
            text += "- "
        } else {
            text += indentation
        }
    }
}
