import OrgTreeCore

/// A tree read and validated on a day, with the report `validate` prints: the one "read,
/// validate, build a report" that every command starts from.
public struct CheckedTree: Sendable {
    public var loaded: LoadedTree
    public var result: ValidationResult
    public var report: ValidationReport

    public var isValid: Bool { result.isValid }

    /// Validates a tree already read; `name` is how the report names it (the folder or
    /// `REV:PATH` as the user wrote it).
    public init(_ loaded: LoadedTree, at day: Day, name: String, validator: Validator = Validator()) {
        self.loaded = loaded
        result = validator.validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
        report = ValidationReport(root: name, diagnostics: result.diagnostics, sources: loaded.sources,
                                  counts: TreeCounts(loaded.tree), assertions: result.assertionOutcomes.all)
    }

    /// Reads a tree from a folder or a Git revision and validates it.
    public static func read(_ source: TreeSource, at day: Day, reader: TreeReader = TreeReader(),
                            directory: String? = nil, validator: Validator = Validator()) throws(TreeReadError) -> CheckedTree {
        CheckedTree(try source.load(reader: reader, directory: directory), at: day, name: source.description, validator: validator)
    }

    /// Reads a tree folder and validates it.
    public static func read(folder: String, at day: Day, validator: Validator = Validator()) throws(TreeReadError) -> CheckedTree {
        try read(.folder(folder), at: day, validator: validator)
    }
}
