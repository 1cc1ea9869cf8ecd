import Crypto

/// Migration 2, frozen as shipped: a token's effective rows carry its environment (the
/// only one where it holds its scopes), template roles get rows of their own per template,
/// and the templates each project declares are stored. Never change it.
enum Migration2 {
    static func statements(_ dialect: SQLDialect) -> [String] {
        let rowid = dialect == .sqlite ? " WITHOUT ROWID" : ""
        return [
            "ALTER TABLE effective_permissions ADD COLUMN environment TEXT",
            // Token rows written by schema 1 hold in the token's environment only.
            "UPDATE effective_permissions SET environment = (SELECT t.environment FROM tokens t WHERE 'token:' || t.project || '/' || t.id = effective_permissions.subject) WHERE subject LIKE 'token:%'",
            "CREATE TABLE effective_template_permissions (subject TEXT, project TEXT, template TEXT, permission TEXT, role TEXT, PRIMARY KEY (subject, project, template, permission))\(rowid)",
            "CREATE TABLE declared_templates (project TEXT, template TEXT, PRIMARY KEY (project, template))\(rowid)",
        ]
    }

    /// Brings the recorded digests of effective rows to schema 2's form (a permission row
    /// has five columns): each subject whose rows still match the digest schema 1 recorded
    /// gets the digest of the same rows in the new form, so that the migration itself is
    /// no drift; a subject whose rows were changed outside orgtree keeps its old digest,
    /// and `drift` still reports it. Template-role holders have no template rows yet: the
    /// next apply computes them (`StorePlan.make`).
    static func redigest(_ s: SQLSession) throws {
        var recorded: [String: String] = [:]
        for row in try s.query("SELECT subject, digest FROM effective_digests") { recorded[row[0] ?? ""] = row[1] ?? "" }
        var access: [String: [[String]]] = [:]
        try s.forEachRow("SELECT subject, project, role FROM effective_access", []) { row in
            access[row[0] ?? "", default: []].append(row.map { $0 ?? "" })
        }
        var updates: [[String?]] = []
        var subject: String?
        var permissions: [[String]] = []
        func finish(_ subject: String, _ permissions: [[String]]) {
            let a = (access.removeValue(forKey: subject) ?? []).sorted(by: Self.before)
            let p = permissions.sorted(by: Self.before)
            guard let digest = recorded[subject], digest == Self.digest(a, p.map { Array($0.prefix(4)) }) else { return }
            let current = Self.digest(a, p)
            if current != digest { updates.append([subject, current]) }
        }
        try s.forEachRow("SELECT subject, project, permission, role, environment FROM effective_permissions ORDER BY subject", []) { row in
            let columns = row.map { $0 ?? "" }
            if columns[0] != subject {
                if let subject { finish(subject, permissions) }
                subject = columns[0]
                permissions.removeAll(keepingCapacity: true)
            }
            permissions.append(columns)
        }
        if let subject { finish(subject, permissions) }
        for subject in access.keys { finish(subject, []) }
        try s.insert(into: "effective_digests", columns: ["subject", "digest"], rows: updates, upsert: ["subject"])
    }

    private static func before(_ a: [String], _ b: [String]) -> Bool { a.lexicographicallyPrecedes(b) }

    /// A subject's digest as `Digests.subjectDigest` computes it: per row a line of its
    /// tag and columns (each after U+001F), lines joined by newlines, SHA-256 in hex.
    private static func digest(_ access: [[String]], _ permissions: [[String]]) -> String {
        var bytes: [UInt8] = []
        for (tag, rows) in [("a", access), ("p", permissions)] {
            for row in rows {
                if !bytes.isEmpty { bytes.append(0x0A) }
                bytes.append(contentsOf: tag.utf8)
                for column in row {
                    bytes.append(0x1F)
                    bytes.append(contentsOf: column.utf8)
                }
            }
        }
        return Digests.hex(SHA256.hash(data: bytes))
    }
}
