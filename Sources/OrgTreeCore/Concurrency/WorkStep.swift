/// A step of long work, reported once it is done (`orgtree plan`, `apply`, `import`,
/// `generate`), and while under way where it counts many rows: its name and, where it
/// reads or writes rows or files, how many. Commands show it as progress on a terminal
/// and time the steps done under ORGTREE_TIMING.
public struct WorkStep: Sendable, Equatable, ExpressibleByStringLiteral {
    public var name: String
    /// How many rows or files the step handled, when it counts any.
    public var count: Int?
    /// What `count` counts: "row" or "file".
    public var unit: String
    /// A step not done yet, counted so far (shown as progress, not timed).
    public var underWay: Bool

    public init(_ name: String, rows: Int? = nil, underWay: Bool = false) {
        self.name = name
        count = rows
        unit = "row"
        self.underWay = underWay
    }

    public init(_ name: String, files: Int, underWay: Bool = false) {
        self.name = name
        count = files
        unit = "file"
        self.underWay = underWay
    }

    public init(stringLiteral name: String) {
        self.init(name)
    }

    /// "read the store: 1,234 rows".
    public var description: String {
        guard let count else { return name }
        return "\(name): \(counted(count, unit).grouped)"
    }
}

private extension String {
    /// The leading number with thousands separated by commas ("12345 rows" → "12,345 rows").
    var grouped: String {
        let digits = prefix(while: \.isNumber)
        guard digits.count > 3 else { return self }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out + dropFirst(digits.count)
    }
}
