import OrgTreeCore

/// A small streaming JSON writer for large reports: appends to a string buffer with
/// correct escaping. Callers write object keys in sorted order, so output is stable.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 4096) {
        text.reserveCapacity(capacity)
    }

    /// Writes an object key; the next value belongs to it.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &text)
        text += ":"
        afterKey = true
    }

    private var afterKey = false

    /// A comma before every element of an object or array but the first; none after a key.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func valuePrefix() { separate() }

    public mutating func string(_ value: String) { valuePrefix(); Self.appendString(value, to: &text) }
    public mutating func int(_ value: Int) { valuePrefix(); text += String(value) }
    public mutating func bool(_ value: Bool) { valuePrefix(); text += value ? "true" : "false" }
    public mutating func null() { valuePrefix(); text += "null" }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        text += "{"
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        text += "}"
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        valuePrefix()
        text += "["
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        text += "]"
    }

    public mutating func strings(_ values: [String]) {
        array { w in for v in values { w.string(v) } }
    }

    static func appendString(_ s: String, to out: inout String) {
        Quoting.appendQuoted(s, .json, to: &out)
    }
}
