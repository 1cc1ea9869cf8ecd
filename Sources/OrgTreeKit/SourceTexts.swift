/// The texts of a tree's files, for quoting the line a diagnostic points at.
public struct SourceTexts: Sendable {
    private var texts: [String: [UInt8]]

    public init(_ texts: [String: [UInt8]]) {
        self.texts = texts
    }

    /// Every file's bytes, in path order.
    public var files: [(path: String, bytes: [UInt8])] {
        texts.keys.sorted().map { ($0, texts[$0]!) }
    }

    /// Line `number` (1-based) of `file`, without its line break; nil when unknown.
    public func line(_ number: Int, of file: String) -> String? {
        guard let bytes = texts[file], number >= 1 else { return nil }
        var line = 1
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if line == number { break }
                line += 1
                start = i + 1
            }
            i += 1
        }
        guard line == number, start <= bytes.count else { return nil }
        var end = i
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension SourceTexts {
    /// The same texts under prefixed paths (for reports that name the tree in each path).
    public func prefixingPaths(with prefix: String) -> SourceTexts {
        SourceTexts(Dictionary(uniqueKeysWithValues: texts.map { (prefix + $0.key, $0.value) }))
    }
}
