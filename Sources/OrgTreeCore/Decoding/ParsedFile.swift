import OrgTreeYAML

/// The document one file holds, once read. Indirect: a parsed file is as small as a
/// reference whatever its kind, and copies share the document.
public indirect enum ParsedDocument: Sendable {
    case organization(OrganizationDocument)
    case person(PersonDocument)
    case team(TeamDocument)
    case project(ProjectDocument)
    case tokens(project: String, file: String, [TokenDocument])
    case partner(PartnerDocument)
    case assertions([Assertion])
}

/// One file after reading: its document (if it could be read) and every problem found.
public struct ParsedFile: Sendable {
    public var path: String
    public var document: ParsedDocument?
    public var diagnostics: [Diagnostic]

    public init(path: String, document: ParsedDocument?, diagnostics: [Diagnostic]) {
        self.path = path
        self.document = document
        self.diagnostics = diagnostics
    }
}

/// Turns a file's bytes into its typed document. Pure: the caller reads the bytes.
/// Safe to call from several threads at once.
public struct DocumentDecoder: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .standard) {
        self.limits = limits
    }

    public func decode(path: String, bytes: [UInt8]) -> ParsedFile {
        let kind: FileKind
        switch TreeLayout.placement(of: path) {
        case .ignored:
            return ParsedFile(path: path, document: nil, diagnostics: [])
        case .unplaced(let reason):
            return ParsedFile(path: path, document: nil, diagnostics: [
                Diagnostic(.unknownKey, reason, at: .start(of: path)),
            ])
        case .invalidID(let name, let what):
            return ParsedFile(path: path, document: nil, diagnostics: [
                Diagnostic(.invalidID, "'\(name)' is not a valid id for \(what): ids are 1–63 lowercase letters, digits and '-', starting with a letter or digit", at: .start(of: path)),
            ])
        case .file(let k):
            kind = k
        }

        var decoder = NodeDecoder(file: path)
        let root: YAMLNode
        switch YAMLReader(limits: limits).read(bytes) {
        case .failure(let problem):
            let rule: RuleName = problem.kind == .unsafe ? .unsafeYAML : .yamlSyntax
            return ParsedFile(path: path, document: nil, diagnostics: [
                Diagnostic(rule, problem.message, at: SourceLocation(file: path, mark: problem.mark)),
            ])
        case .success(nil):
            let expected = if case .assertions = kind { "a list of assertions" } else { "a map" }
            decoder.report(.wrongType, "the file is empty; expected \(expected)", at: .start(of: path))
            return ParsedFile(path: path, document: nil, diagnostics: decoder.diagnostics)
        case .success(let node?):
            root = node
        }

        let document: ParsedDocument?
        switch kind {
        case .organization:
            document = decoder.organization(root).map(ParsedDocument.organization)
        case .person(let id):
            document = decoder.person(root, subject: .person(id)).map(ParsedDocument.person)
        case .agencyPerson(let agency, let id):
            document = decoder.person(root, subject: .agencyPerson(agency: agency, person: id)).map(ParsedDocument.person)
        case .team(let id):
            document = decoder.team(root, teamID: id).map(ParsedDocument.team)
        case .project(let id):
            document = decoder.project(root, projectID: id).map(ParsedDocument.project)
        case .tokens(let project):
            document = decoder.tokens(root, project: project).map { .tokens(project: project, file: path, $0) }
        case .partner(let agency):
            document = decoder.partner(root, agency: agency).map(ParsedDocument.partner)
        case .assertions:
            document = .assertions(decoder.assertions(root))
        }

        var diagnostics = decoder.diagnostics
        var flaggedLines = Set(diagnostics.filter { $0.rule == .secretInTree }.map(\.location.line))
        func flag(_ kind: String, at mark: SourceMark) {
            guard flaggedLines.insert(mark.line).inserted else { return }
            diagnostics.append(Diagnostic(
                .secretInTree,
                "this looks like \(kind); secrets never live in the tree: remove it and rotate the credential",
                at: SourceLocation(file: path, mark: mark)))
        }
        for finding in SecretScanner.scan(bytes) {
            flag(finding.kind, at: SourceMark(line: finding.line, column: finding.column))
        }
        var bidiLines = Set<Int>()
        for finding in BidiControlRule.scan(bytes) {
            bidiLines.insert(finding.line)
            diagnostics.append(Diagnostic(.bidiControl, BidiControlRule.message(finding.scalar),
                                          at: SourceLocation(file: path, line: finding.line, column: finding.column)))
        }
        // Values as YAML unescaped and joined them: what the scans of the bytes cannot see.
        // Most values are short ASCII words, which neither check needs to look into.
        root.forEachScalar { scalar, mark in
            if scalar.text.utf8.count >= SecretScanner.shortestValue, let kind = SecretScanner.scanValue(scalar.text) {
                flag(kind, at: mark)
            }
            guard BidiControlRule.mayHoldBidiControl(scalar.text), !bidiLines.contains(mark.line),
                  let bidi = scalar.text.unicodeScalars.first(where: Confusables.isBidiControl) else { return }
            bidiLines.insert(mark.line)
            diagnostics.append(Diagnostic(.bidiControl, BidiControlRule.message(bidi), at: SourceLocation(file: path, mark: mark)))
        }
        return ParsedFile(path: path, document: document, diagnostics: diagnostics)
    }
}

extension YAMLNode {
    /// Every scalar, keys included, in document order.
    func forEachScalar(_ body: (YAMLScalar, SourceMark) -> Void) {
        switch content {
        case .scalar(let s):
            body(s, mark)
        case .sequence(let items, _):
            for item in items { item.forEachScalar(body) }
        case .mapping(let pairs, _):
            for pair in pairs {
                pair.key.forEachScalar(body)
                pair.value.forEachScalar(body)
            }
        }
    }
}
