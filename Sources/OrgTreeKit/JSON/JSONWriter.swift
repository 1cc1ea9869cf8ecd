import OrgTreeCore

/// The one JSON writer of orgtree's outputs. It streams (`take()` hands over what is
/// written so far, so a large report is never held whole), escapes text with `Quoting`,
/// and writes every object's keys in sorted order: keys given one by one must come in
/// order (checked in debug builds), and `JSONValue` objects are sorted when written.
public struct JSONWriter {
    public enum Layout: Sendable {
        /// No white space at all.
        case compact
        /// No white space, but each element of an array that is a value of the top-level
        /// object on a line of its own (`{"changes":[⏎{…},⏎{…}⏎],…}`): a stream of records
        /// that line-oriented tools can read.
        case lines
        /// Two spaces of indentation per level, `"key": value`.
        case pretty
    }

    public let layout: Layout
    public private(set) var text = ""

    private struct Container {
        var isObject: Bool
        var count = 0
        var lastKey: String?
        /// An array whose elements go on lines of their own (`Layout.lines`).
        var lineElements = false
    }

    private var stack: [Container] = []
    private var afterKey = false

    public init(layout: Layout = .compact, capacity: Int = 4096) {
        self.layout = layout
        text.reserveCapacity(capacity)
    }

    /// What was written since the last `take()`, removed from the writer.
    public mutating func take() -> String {
        defer { text.removeAll(keepingCapacity: true) }
        return text
    }

    /// Writes an object key; the next value belongs to it.
    public mutating func key(_ name: String) {
        assert(stack.last?.isObject == true, "a JSON key outside an object")
        if let last = stack.last?.lastKey { assert(last < name, "JSON keys out of order: \(name) after \(last)") }
        beginElement()
        stack[stack.count - 1].lastKey = name
        Quoting.appendQuoted(name, .json, to: &text)
        text += layout == .pretty ? ": " : ":"
        afterKey = true
    }

    public mutating func string(_ value: String) { beginElement(); Quoting.appendQuoted(value, .json, to: &text) }
    public mutating func int(_ value: Int) { beginElement(); text += String(value) }
    public mutating func bool(_ value: Bool) { beginElement(); text += value ? "true" : "false" }
    public mutating func null() { beginElement(); text += "null" }

    /// A text, or `null` for nil.
    public mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func strings(_ values: [String]) {
        array { w in for v in values { w.string(v) } }
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open("{", Container(isObject: true))
        body(&self)
        close("}")
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        let lines = layout == .lines && stack.count == 1 && stack[0].isObject
        open("[", Container(isObject: false, lineElements: lines))
        body(&self)
        close("]")
    }

    /// A value built beforehand; its objects' keys are written sorted.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .string(let s): string(s)
        case .int(let n): int(n)
        case .bool(let b): bool(b)
        case .null: null()
        case .array(let elements): array { w in for e in elements { w.value(e) } }
        case .object(let members):
            object { w in
                for key in members.keys.sorted() {
                    w.key(key)
                    w.value(members[key]!)
                }
            }
        }
    }

    /// Ends the document (a line break).
    public mutating func end() {
        assert(stack.isEmpty, "JSON document ended inside a container")
        text += "\n"
    }

    private mutating func open(_ bracket: String, _ container: Container) {
        beginElement()
        text += bracket
        stack.append(container)
    }

    private mutating func close(_ bracket: String) {
        let container = stack.removeLast()
        if container.lineElements {
            text += "\n"
        } else if layout == .pretty && container.count > 0 {
            newLine()
        }
        text += bracket
    }

    /// The separator before an element (or a key): a comma after the first, and the line
    /// break and indentation of the layout.
    private mutating func beginElement() {
        if afterKey {
            afterKey = false
            return
        }
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].count > 0 { text += "," }
        stack[stack.count - 1].count += 1
        if stack[stack.count - 1].lineElements {
            text += "\n"
        } else if layout == .pretty {
            newLine()
        }
    }

    private mutating func newLine() {
        text += "\n"
        text += String(repeating: "  ", count: stack.count)
    }
}

/// A JSON value built before it is written (small documents and records of a stream).
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// A text, or `null` for nil.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// The value as one JSON document in `layout`, ending with a line break.
    public func document(_ layout: JSONWriter.Layout) -> String {
        var w = JSONWriter(layout: layout)
        w.value(self)
        w.end()
        return w.text
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
