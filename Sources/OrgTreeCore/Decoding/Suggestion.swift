/// The closest of a set of known names to a misspelt one: the one did-you-mean of every
/// message (unknown keys, references in the tree, names on the command line).
public enum Suggestion {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.lowercased().utf8)
            // At least the difference in length apart, over 3 is never close enough: skipping
            // such a candidate changes no answer (a flood of unknown keys stays cheap).
            if abs(c.count - w.count) > 3 { continue }
            let d = distance(w, c)
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = max(1, min(3, candidate.count / 3))
        return d <= limit ? candidate : nil
    }

    /// "; did you mean 'NAME'?" for the closest candidate, or `otherwise` when none is close.
    public static func didYouMean(_ word: String, among candidates: [String], otherwise: String = "") -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? otherwise
    }

    /// Edits between two words: insertions, deletions, substitutions and swaps of two
    /// neighbouring letters (`kia` is one edit from `kai`), each counting one.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
