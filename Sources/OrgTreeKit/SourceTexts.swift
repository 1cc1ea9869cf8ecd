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
    /// Indexes the file's lines each time: to quote many lines of one file, index it once
    /// with `lines(of:)`.
    public func line(_ number: Int, of file: String) -> String? {
        lines(of: file)?.line(number)
    }

    /// The file's text with the start of each of its lines, indexed now (only files with
    /// a diagnostic are ever quoted, so no file is indexed before it is needed); nil when
    /// unknown. Keep it to quote many lines of the file: each line in constant time, so a
    /// file with 400,000 diagnostics is quoted in linear time.
    public func lines(of file: String) -> Lines? {
        guard let bytes = texts[file] else { return nil }
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        return Lines(bytes: bytes, starts: starts)
    }

    /// A file's bytes and where each of its lines starts: any line in constant time.
    public struct Lines: Sendable {
        fileprivate let bytes: [UInt8]
        fileprivate let starts: [Int]

        /// Line `number` (1-based), without its line break; nil past the end.
        public func line(_ number: Int) -> String? {
            guard number >= 1, number <= starts.count else { return nil }
            let start = starts[number - 1]
            var end = number < starts.count ? starts[number] - 1 : bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}

extension SourceTexts {
    /// The same texts under prefixed paths (for reports that name the tree in each path).
    public func prefixingPaths(with prefix: String) -> SourceTexts {
        SourceTexts(Dictionary(uniqueKeysWithValues: texts.map { (prefix + $0.key, $0.value) }))
    }
}
