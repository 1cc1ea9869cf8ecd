import OrgTreeYAML

/// A place in the tree: a file path relative to the tree root, with 1-based line and column.
///
/// Every value read from the tree carries one, so it is kept small: the path shares its
/// storage with every other location in the same file, line and column are 32-bit
/// (a file is at most a few MiB).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
    }

    public init(file: String, mark: SourceMark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }

    /// The start of a file, for problems that belong to a file as a whole.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// `file:line`, the short form used in provenance chains.
    public var fileAndLine: String { "\(file):\(line)" }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A value read from the tree together with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
