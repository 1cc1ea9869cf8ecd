import OrgTreeCore

/// The one JSON writer of orgtree's outputs. It streams (`take()` hands over what is
/// written so far, so a large report is never held whole), escapes text with `Quoting`,
/// and writes every object's keys in sorted order: keys given one by one must come in
/// order (checked in debug builds), and `JSONValue` objects are sorted when written.
///
/// Every JSON document orgtree writes (`--format json` of every command, `sarif`, the plan
/// file) has this one layout: no white space, except that each member of an array or
/// object that is a value of the top-level object stands on a line of its own
/// (`{"changes":[⏎{…},⏎{…}⏎],…}`): compact, yet a stream of records that line-oriented
/// tools can read and a diff can compare. An empty one stays `[]` or `{}`.
public struct JSONWriter {
    public private(set) var text = ""

    private struct Container {
        var isObject: Bool
        var count = 0
        var lastKey: String?
        /// A value of the top-level object: its elements go on lines of their own.
        var lineElements = false
    }

    private var stack: [Container] = []
    private var afterKey = false

    public init(capacity: Int = 4096) {
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
        text += ":"
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
        openObject()
        body(&self)
        closeContainer()
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        openArray()
        body(&self)
        closeContainer()
    }

    /// Opens an object to fill piece by piece, `closeContainer()` ending it: for a stream
    /// whose elements come from a source that may throw.
    public mutating func openObject() { open("{", Container(isObject: true, lineElements: isTopLevelValue)) }

    /// Opens an array to fill piece by piece (see `openObject`).
    public mutating func openArray() { open("[", Container(isObject: false, lineElements: isTopLevelValue)) }

    /// Closes the object or array opened last.
    public mutating func closeContainer() { close(stack.last?.isObject == true ? "}" : "]") }

    /// Whether the next value is a value of the top-level object.
    private var isTopLevelValue: Bool { stack.count == 1 && stack[0].isObject }

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
        if container.lineElements && container.count > 0 { text += "\n" }
        text += bracket
    }

    /// The separator before an element (or a key): a comma after the first, and the line
    /// break of a value of the top-level object.
    private mutating func beginElement() {
        if afterKey {
            afterKey = false
            return
        }
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].count > 0 { text += "," }
        stack[stack.count - 1].count += 1
        if stack[stack.count - 1].lineElements { text += "\n" }
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

    /// The value as one JSON document (`JSONWriter`'s layout), ending with a line break.
    public func document() -> String {
        var w = JSONWriter()
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
