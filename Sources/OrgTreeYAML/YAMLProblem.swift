/// Why a text could not be read as a YAML document.
public struct YAMLProblem: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Not well-formed YAML.
        case syntax
        /// Refused to protect the reader: aliases, over-deep nesting, oversized input, bad encoding.
        case unsafe
    }

    public var kind: Kind
    public var message: String
    public var mark: SourceMark

    public init(_ kind: Kind, _ message: String, at mark: SourceMark) {
        self.kind = kind
        self.message = message
        self.mark = mark
    }
}
