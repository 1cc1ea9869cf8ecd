import OrgTreeCore

/// What `validate` reports: the diagnostics of one tree and what the tree holds.
public struct ValidationReport: Sendable {
    /// The tree folder as the user gave it.
    public var root: String
    public var diagnostics: [Diagnostic]
    public var sources: SourceTexts
    public var counts: TreeCounts
    /// Every assertion with its outcome, in file and line order (those that hold too).
    public var assertions: [AssertionOutcome]

    public init(root: String, diagnostics: [Diagnostic], sources: SourceTexts, counts: TreeCounts,
                assertions: [AssertionOutcome] = []) {
        self.root = root
        self.diagnostics = diagnostics
        self.sources = sources
        self.counts = counts
        self.assertions = assertions
    }

    /// Errors and warnings found, those a capped diagnostic stands for included (`DiagnosticCap`).
    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? $1.count : 0) } }
    public var warningCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .warning ? $1.count : 0) } }

    /// A path relative to the current directory (the tree folder joined with the file),
    /// as CI annotations and code scanning need.
    public func workspacePath(_ file: String) -> String {
        let root = self.root.hasSuffix("/") ? String(self.root.dropLast()) : self.root
        if root == "." || root.isEmpty { return file }
        return root + "/" + file
    }
}

extension ValidationReport {
    /// The same report with every path prefixed by the tree's name (`HEAD:org/people/ann.yaml`,
    /// `new-tree/people/ann.yaml`), so that it says which tree it is about.
    func prefixingPaths() -> ValidationReport {
        let prefix = root.hasSuffix("/") || root.hasSuffix(":") ? root : root + "/"
        var report = self
        report.diagnostics = diagnostics.map { d in
            var d = d
            d.location.file = prefix + d.location.file
            return d
        }
        report.sources = sources.prefixingPaths(with: prefix)
        report.root = root
        return report
    }
}
