/// One step of the reasoning that gives a grant: a place in the tree and what it says there.
public struct ProvenanceStep: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var text: String

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.location, lhs.text) < (rhs.location, rhs.text)
    }

    /// `teams/tier2.yaml:3 includes support`
    public var description: String { "\(location.fileAndLine) \(text)" }
}

/// The chain of steps that gives one grant, outermost first.
public struct Provenance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var steps: [ProvenanceStep]
    /// Read from a state store, not from a tree's files: the steps name the files of the
    /// store read back as a tree (as `import` writes it), whose lines are no one's text.
    /// Shown as `(in the store)` and without line numbers.
    public var inStore = false

    public init(_ steps: [ProvenanceStep]) {
        self.steps = steps
    }

    /// The same chain, read from a state store.
    public var readFromStore: Provenance {
        var chain = self
        chain.inStore = true
        return chain
    }

    public func appending(_ step: ProvenanceStep) -> Provenance {
        Provenance(steps + [step])
    }

    public func appending(_ other: Provenance) -> Provenance {
        Provenance(steps + other.steps)
    }

    /// Shorter chains first, then by their places.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.steps.count != rhs.steps.count { return lhs.steps.count < rhs.steps.count }
        return lhs.steps.lexicographicallyPrecedes(rhs.steps)
    }

    /// `teams/tier2.yaml:3 includes support → …`; from a store, `(in the store)
    /// teams/tier2.yaml includes support → …`.
    public var description: String {
        guard inStore else { return steps.map(\.description).joined(separator: " → ") }
        return "(in the store) " + steps.map { "\($0.location.file) \($0.text)" }.joined(separator: " → ")
    }
}

/// Why something is not granted (or granted only in part): a sentence and the place it is about.
public struct Reason: Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return message }
        return "\(message) (\(location.fileAndLine))"
    }
}
