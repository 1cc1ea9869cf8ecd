import OrgTreeYAML

/// Reads typed values out of YAML nodes for one file, recording a diagnostic for every
/// structural problem (`wrong-type`, `unknown-key`, `duplicate-key`, `missing-key`,
/// `invalid-value`, `invalid-id`, `secret-in-tree`) and going on with the rest.
///
/// Scalars are typed by the field that reads them, never by YAML 1.1 guessing.
struct NodeDecoder {
    let file: String
    var diagnostics: [Diagnostic] = []
    /// How many diagnostics of each rule were reported, and where the one that counts
    /// those past `DiagnosticCap.perRuleAndFile` is: a file with a million mistakes costs
    /// a hundred messages and a count, not a million messages (`DiagnosticCap` lists them).
    private var reported: [RuleName: Int] = [:]
    private var capped: [RuleName: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, mark: node.mark)
    }

    mutating func report(_ rule: RuleName, _ message: @autoclosure () -> String, at node: YAMLNode) {
        report(rule, message(), at: location(node))
    }

    /// Records a diagnostic; past the cap only counts it (its message is never written).
    mutating func report(_ rule: RuleName, _ message: @autoclosure () -> String, at location: SourceLocation) {
        let count = reported[rule, default: 0] + 1
        reported[rule] = count
        if count <= DiagnosticCap.perRuleAndFile {
            diagnostics.append(Diagnostic(rule, message(), at: location))
        } else if let index = capped[rule] {
            diagnostics[index].omitted += 1
        } else {
            capped[rule] = diagnostics.count
            diagnostics.append(Diagnostic(rule, "", at: location, omitted: 1))
        }
    }

    // MARK: Maps

    /// The keys of a map with a fixed set of keys.
    /// The known keys of a map, in order, each once. A list, not a table: a map has a
    /// handful of known keys (unknown and repeated ones are reported and left out).
    struct Fields {
        var entries: [(key: String, location: SourceLocation, value: YAMLNode)] = []
        var location: SourceLocation

        subscript(key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }

        /// Where the key was written, nil when it was not.
        func keyLocation(_ key: String) -> SourceLocation? { entries.first { $0.key == key }?.location }
    }

    /// Reads a map whose keys are fixed: reports unknown keys (with a suggestion),
    /// duplicate keys (at the second occurrence) and missing required keys. A required
    /// key that an unknown key's suggestion names is not reported missing as well: the
    /// misspelt key (`fristName`) is the one mistake. `example` is the map written right
    /// (`tfa: {method: app}`), shown when the node is not a map.
    mutating func fields(
        of node: YAMLNode, _ what: String, allowed: [String], required: [String] = [], example: String? = nil
    ) -> Fields? {
        guard let pairs = mapping(node, what, example: example) else { return nil }
        var fields = Fields(location: location(node))
        var suggested = Set<String>()
        for pair in pairs {
            guard let key = keyText(pair.key) else { continue }
            if let first = fields.keyLocation(key) {
                report(.duplicateKey, "duplicate key '\(key)' in \(what) (first written at line \(first.line))", at: pair.key)
                continue
            }
            guard allowed.contains(key) else {
                if SecretNames.isSecretKey(key) {
                    report(.secretInTree, "'\(key)' looks like a secret; secrets never live in the tree: remove it, rotate the credential, and keep it in the state store or a secret manager", at: pair.key)
                } else {
                    let suggestion = Suggestion.closest(to: key, among: allowed)
                    if let suggestion { suggested.insert(suggestion) }
                    report(.unknownKey, "unknown key '\(key)' in \(what)" + (suggestion.map { "; did you mean '\($0)'?" }
                        ?? "; allowed keys: \(allowed.joined(separator: ", "))"), at: pair.key)
                }
                continue
            }
            fields.entries.append((key, location(pair.key), pair.value))
        }
        for key in required where fields.keyLocation(key) == nil && !suggested.contains(key) {
            report(.missingKey, "\(what) needs the key '\(key)'", at: node)
        }
        return fields
    }

    /// Reads a map whose keys are names chosen by the author (ids, subjects, permissions).
    /// Duplicates are reported at their second occurrence and dropped.
    mutating func entries(of node: YAMLNode, _ what: String) -> [(key: Located<String>, value: YAMLNode)] {
        guard let pairs = mapping(node, what) else { return [] }
        var seen: [String: Int] = [:]
        var result: [(key: Located<String>, value: YAMLNode)] = []
        result.reserveCapacity(pairs.count)
        for pair in pairs {
            guard let key = keyText(pair.key) else { continue }
            if let firstLine = seen[key] {
                report(.duplicateKey, "duplicate key '\(key)' in \(what) (first written at line \(firstLine))", at: pair.key)
                continue
            }
            seen[key] = pair.key.mark.line
            result.append((Located(key, at: location(pair.key)), pair.value))
        }
        return result
    }

    mutating func mapping(_ node: YAMLNode, _ what: String, example: String? = nil) -> [YAMLPair]? {
        if case .mapping(let pairs, _) = node.content { return pairs }
        report(.wrongType, "\(what) must be a map, found \(node.kindDescription)" + (example.map { "; write it as '\($0)'" } ?? ""), at: node)
        return nil
    }

    private mutating func keyText(_ key: YAMLNode) -> String? {
        guard let scalar = key.scalar, !scalar.isEmptyPlain else {
            report(.wrongType, "a key must be plain text, found \(key.kindDescription)", at: key)
            return nil
        }
        return scalar.text
    }

    // MARK: Lists

    mutating func list<T>(
        _ node: YAMLNode, _ what: String, element: (inout NodeDecoder, YAMLNode) -> T?
    ) -> [T] {
        guard case .sequence(let items, _) = node.content else {
            report(.wrongType, "\(what) must be a list, found \(node.kindDescription)", at: node)
            return []
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            if let value = element(&self, item) { result.append(value) }
        }
        return result
    }

    /// A list of ids (of `agency`'s people, when given); a repeated entry is `duplicate-key`.
    mutating func idList(_ node: YAMLNode, _ what: String, agency: String? = nil) -> [Located<String>] {
        let ids = list(node, what) { decoder, item in
            if let agency { return decoder.agencyPersonID(item, "an entry of \(what)", agency: agency) }
            return decoder.id(item, "an entry of \(what)")
        }
        return dropRepeats(ids, what)
    }

    /// A list of subjects (`ann` or `pixel/gus`); a repeated entry is `duplicate-key`.
    mutating func subjectList(_ node: YAMLNode, _ what: String) -> [Located<String>] {
        let subjects = list(node, what) { decoder, item -> Located<String>? in
            guard let text = decoder.string(item, "an entry of \(what)") else { return nil }
            guard let subject = Subject(text.value), subject.isPersonLike else {
                decoder.report(.invalidID, "'\(text.value)' is not a person ('ann') or an agency person ('pixel/gus')", at: item)
                return nil
            }
            return text
        }
        return dropRepeats(subjects, what)
    }

    /// The values without repeats (each reported); the list itself when it has none, so
    /// that the model keeps no spare capacity.
    private mutating func dropRepeats(_ values: [Located<String>], _ what: String) -> [Located<String>] {
        var seen = Set<String>(minimumCapacity: values.count)
        var kept: [Located<String>]?
        for (index, value) in values.enumerated() {
            if seen.insert(value.value).inserted {
                kept?.append(value)
            } else {
                report(.duplicateKey, "'\(value.value)' is listed twice in \(what)", at: value.location)
                if kept == nil { kept = Array(values[..<index]) }
            }
        }
        return kept ?? values
    }

    // MARK: Scalars

    private mutating func scalar(_ node: YAMLNode, _ what: String, expected: String) -> YAMLScalar? {
        guard let scalar = node.scalar else {
            report(.wrongType, "\(what) must be \(expected), found \(node.kindDescription)", at: node)
            return nil
        }
        if scalar.isEmptyPlain {
            report(.wrongType, "\(what) has no value; expected \(expected)", at: node)
            return nil
        }
        return scalar
    }

    private static let stringTags: Set<String> = ["!", "tag:yaml.org,2002:str"]

    mutating func string(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let s = scalar(node, what, expected: "text") else { return nil }
        if let tag = s.tag, !Self.stringTags.contains(tag) {
            report(.wrongType, "\(what) must be text; the tag \(tag) is not accepted here", at: node)
            return nil
        }
        return Located(s.text, at: location(node))
    }

    mutating func bool(_ node: YAMLNode, _ what: String) -> Located<Bool>? {
        guard let s = scalar(node, what, expected: "true or false") else { return nil }
        let tagOK = s.tag == nil || s.tag == "tag:yaml.org,2002:bool"
        if tagOK, s.style.isPlain || s.tag != nil {
            if s.text == "true" { return Located(true, at: location(node)) }
            if s.text == "false" { return Located(false, at: location(node)) }
        }
        let written = s.style.isPlain ? s.text : "the text \"\(s.text)\""
        report(.wrongType, "\(what) must be true or false, found \(written)", at: node)
        return nil
    }

    mutating func int(_ node: YAMLNode, _ what: String) -> Located<Int>? {
        guard let s = scalar(node, what, expected: "a whole number") else { return nil }
        let tagOK = s.tag == nil || s.tag == "tag:yaml.org,2002:int"
        let digits = s.text.utf8
        let wellFormed = (s.style.isPlain || s.tag != nil) && tagOK && !digits.isEmpty && digits.count <= 12
            && digits.allSatisfy { $0 >= 48 && $0 <= 57 } && (digits.count == 1 || digits.first != 48)
        guard wellFormed, let value = Int(s.text) else {
            let written = s.style.isPlain ? s.text : "the text \"\(s.text)\""
            report(.wrongType, "\(what) must be a whole number written in decimal digits, found \(written)", at: node)
            return nil
        }
        return Located(value, at: location(node))
    }

    /// A value from a closed set; anything else is `invalid-value` with the allowed values.
    mutating func choice<T: RawRepresentable & CaseIterable & Sendable>(
        _ node: YAMLNode, _ what: String, _ type: T.Type
    ) -> Located<T>? where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text.value) { return Located(value, at: text.location) }
        let allowed = T.allCases.map(\.rawValue)
        report(.invalidValue, Self.notOneOf(text.value, what, allowed), at: node)
        return nil
    }

    mutating func roleSetting(_ node: YAMLNode, _ what: String) -> Located<RoleSetting>? {
        guard let text = string(node, what) else { return nil }
        if let value = RoleSetting(text.value) { return Located(value, at: text.location) }
        report(.invalidValue, Self.notOneOf(text.value, what, RoleSetting.allNames), at: node)
        return nil
    }

    static func notOneOf(_ value: String, _ what: String, _ allowed: [String]) -> String {
        var message = "'\(value)' is not a valid \(what); use one of \(allowed.joined(separator: ", "))"
        if let suggestion = Suggestion.closest(to: value, among: allowed) {
            message += " (did you mean '\(suggestion)'?)"
        }
        return message
    }

    /// An id (`^[a-z0-9][a-z0-9-]{0,62}$`), as a value.
    mutating func id(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        return checkID(text, what)
    }

    /// One of `agency`'s people as partner.yaml names them: by bare id (`hana`), so a
    /// `pixel/hana` is told what to write instead.
    mutating func agencyPersonID(_ node: YAMLNode, _ what: String, agency: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        if case .agencyPerson(_, let person)? = Subject(text.value) {
            report(.invalidID, "'\(text.value)' is not a valid id for \(what); write the bare id '\(person)' under partners/\(agency)/", at: node)
            return nil
        }
        return checkID(text, what)
    }

    mutating func checkID(_ text: Located<String>, _ what: String) -> Located<String>? {
        guard Identifier.isValid(text.value) else {
            report(.invalidID, "'\(text.value)' is not a valid id for \(what): ids are 1–63 lowercase letters, digits and '-', starting with a letter or digit", at: text.location)
            return nil
        }
        return text
    }

    mutating func day(_ node: YAMLNode, _ what: String) -> Located<Day>? {
        guard let text = string(node, what) else { return nil }
        guard let day = Day(text.value) else {
            report(.invalidValue, "'\(text.value)' is not a valid \(what); write a calendar day as YYYY-MM-DD", at: node)
            return nil
        }
        return Located(day, at: text.location)
    }
}

extension Subject {
    /// A person of the org or of an agency (not a token).
    public var isPersonLike: Bool {
        if case .token = self { return false }
        return true
    }
}
