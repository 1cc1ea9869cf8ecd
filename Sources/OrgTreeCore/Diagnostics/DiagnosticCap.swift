/// Keeps a flood of findings readable: of each rule in each file, the first
/// `perRuleAndFile` diagnostics (in file order) are kept, and the rest become one
/// diagnostic, `… and N more RULE in FILE`, of the same rule and severity, at the place of
/// the first one left out, whose `omitted` is N. Error and warning counts add up `count`,
/// so they stay the true numbers; JSON writes N as `omitted`, SARIF as the result's
/// `properties.omitted`. A diagnostic that already counts others (`omitted` > 0, as a
/// file's decoder writes past the cap) is added to its rule's count in its file.
public enum DiagnosticCap {
    /// At most this many diagnostics of one rule in one file are listed one by one.
    public static let perRuleAndFile = 100

    /// `diagnostics`, sorted, with each rule's diagnostics in each file beyond the first
    /// `limit` replaced by one that counts them.
    public static func apply(_ diagnostics: [Diagnostic], limit: Int = perRuleAndFile) -> [Diagnostic] {
        struct Key: Hashable {
            var file: String
            var rule: RuleName
        }
        var seen: [Key: Int] = [:]
        var summaryIndex: [Key: Int] = [:]
        var out: [Diagnostic] = []
        out.reserveCapacity(min(diagnostics.count, 4096))
        for d in diagnostics {
            let key = Key(file: d.location.file, rule: d.rule)
            // One that already counts others (a file's decoder caps as it reads) joins the
            // count whatever its place.
            if d.omitted == 0 {
                let n = seen[key, default: 0] + 1
                seen[key] = n
                if n <= limit {
                    out.append(d)
                    continue
                }
            }
            if let index = summaryIndex[key] {
                out[index].omitted += d.count
            } else {
                summaryIndex[key] = out.count
                out.append(Diagnostic(d.rule, "", at: d.location, omitted: d.count))
            }
        }
        for index in summaryIndex.values {
            let d = out[index]
            out[index].message = "… and \(d.omitted) more \(d.rule.rawValue) in \(d.location.file) (only the first \(limit) of a rule are listed per file; fix those and validate again)"
        }
        return out
    }
}
