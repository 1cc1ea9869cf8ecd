#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keys whose name says they hold a credential.
enum SecretNames {
    private static let names: Set<String> = [
        "secret", "secrets", "password", "passwd", "apikey", "privatekey", "clientsecret",
        "accesstoken", "refreshtoken", "secretkey", "tokenvalue", "credential", "credentials",
    ]

    static func isSecretKey(_ key: String) -> Bool {
        let folded = String(key.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" })
        return names.contains(folded)
    }
}

/// Finds well-known credential formats anywhere in a file's text, comments included:
/// a secret in a comment is as leaked as one in a value.
enum SecretScanner {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var kind: String
    }

    private struct Pattern {
        var prefix: [UInt8]
        var kind: String
        /// How many token characters must follow the prefix.
        var minimumTail: Int
        /// Upper-case letters and digits only (AWS key ids).
        var upperAlnumTail = false
        /// Lower-case hexadecimal digits only (orgtree's token secrets).
        var hexTail = false
    }

    private static let patterns: [Pattern] = [
        Pattern(prefix: Array("-----BEGIN ".utf8), kind: "a PEM private key block", minimumTail: 0),
        Pattern(prefix: Array("ghp_".utf8), kind: "a GitHub token", minimumTail: 30),
        Pattern(prefix: Array("gho_".utf8), kind: "a GitHub token", minimumTail: 30),
        Pattern(prefix: Array("ghs_".utf8), kind: "a GitHub token", minimumTail: 30),
        Pattern(prefix: Array("github_pat_".utf8), kind: "a GitHub token", minimumTail: 30),
        Pattern(prefix: Array("xoxb-".utf8), kind: "a Slack token", minimumTail: 10),
        Pattern(prefix: Array("xoxp-".utf8), kind: "a Slack token", minimumTail: 10),
        Pattern(prefix: Array("xoxa-".utf8), kind: "a Slack token", minimumTail: 10),
        Pattern(prefix: Array("AKIA".utf8), kind: "an AWS access key id", minimumTail: 16, upperAlnumTail: true),
        Pattern(prefix: Array("sk_live_".utf8), kind: "a live payment API key", minimumTail: 16),
        Pattern(prefix: Array("rk_live_".utf8), kind: "a live payment API key", minimumTail: 16),
        Pattern(prefix: Array("sk-".utf8), kind: "an API secret key", minimumTail: 32),
        // `otk_` and 64 hex digits, as apply writes them; 32 already give half of one away.
        Pattern(prefix: Array("otk_".utf8), kind: "an orgtree token secret", minimumTail: 32, hexTail: true),
    ]

    /// Which bytes can start a pattern: a table, since every byte of every file is looked up.
    private static let startsPattern: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for p in patterns { table[Int(p.prefix[0])] = true }
        return table
    }()

    /// The length of the shortest value that can hold a credential: shorter ones are not
    /// looked into.
    static let shortestValue = min(RandomToken.minimumLength, patterns.map { $0.prefix.count + $0.minimumTail }.min()!)

    static func scan(_ bytes: [UInt8]) -> [Finding] {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> [Finding] {
        var findings: [Finding] = []
        let startsPattern = Self.startsPattern
        var line = 1
        var lineStart = 0
        var reportedLine = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            if startsPattern[Int(c)], line != reportedLine, i == 0 || !isTokenByte(b[i - 1]) {
                for pattern in patterns where matches(pattern, b, at: i) {
                    if pattern.kind == "a PEM private key block" && !lineContains(b, from: i, "PRIVATE KEY") {
                        continue
                    }
                    let column = columnOf(b, lineStart: lineStart, offset: i)
                    findings.append(Finding(line: line, column: column, kind: pattern.kind))
                    reportedLine = line
                    break
                }
            }
            i += 1
        }
        return findings
    }

    /// The credential a scalar's value holds once YAML has unescaped and joined it: what an
    /// escape (`"otk_ab\x63d…"`) or an escaped line break hides from the scan of the bytes.
    static func scanValue(_ text: String) -> String? {
        var text = text
        if let found = text.withUTF8({ scan($0) }).first { return found.kind }
        return RandomToken.isTokenLike(text) ? "a random token (\(RandomToken.minimumLength)+ characters, mixed case and digits)" : nil
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45
    }

    private static func matches(_ p: Pattern, _ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + p.prefix.count + p.minimumTail <= b.count else { return false }
        for k in 0..<p.prefix.count where b[i + k] != p.prefix[k] { return false }
        var tail = 0
        var j = i + p.prefix.count
        while j < b.count, tail < p.minimumTail {
            let c = b[j]
            let ok = if p.upperAlnumTail {
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90)
            } else if p.hexTail {
                (c >= 48 && c <= 57) || (c >= 97 && c <= 102)
            } else {
                isTokenByte(c)
            }
            guard ok else { break }
            tail += 1
            j += 1
        }
        return tail >= p.minimumTail
    }

    private static func lineContains(_ b: UnsafeBufferPointer<UInt8>, from i: Int, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        var j = i
        while j + needle.count <= b.count, b[j] != 0x0A {
            if b[j] == needle[0], Array(b[j..<(j + needle.count)]) == needle { return true }
            j += 1
        }
        return false
    }

    private static func columnOf(_ b: UnsafeBufferPointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        for k in lineStart..<offset where b[k] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}

/// When a value with no known prefix is still a credential: random text, as generated
/// keys and passwords are. A value is token-like when all of these hold:
/// - at least `minimumLength` (24) characters, no space;
/// - only the characters of base64 and base64url: `A–Z a–z 0–9 + / = _ -`;
/// - upper-case letters, lower-case letters and digits all occur;
/// - its Shannon entropy is at least `minimumEntropy` (3.6) bits per character
///   (random base64 of 24 characters has 3.65 at the lowest; names and words stay below).
/// So ids (lower case), e-mail addresses (`@`, `.`), dates, URLs (`:`), version numbers,
/// hex digests and UUIDs (no upper case), `sha256:…` hashes (`:`) and sentences (spaces)
/// are never token-like.
enum RandomToken {
    static let minimumLength = 24
    static let minimumEntropy = 3.6

    static func isTokenLike(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= minimumLength else { return false }
        var upper = false, lower = false, digit = false
        for c in bytes {
            switch c {
            case 65...90: upper = true
            case 97...122: lower = true
            case 48...57: digit = true
            case 43, 47, 61, 95, 45: break
            default: return false
            }
        }
        guard upper, lower, digit else { return false }
        var counts = [Int](repeating: 0, count: 128)
        for c in bytes { counts[Int(c)] += 1 }
        return entropy(counts, total: bytes.count) >= minimumEntropy
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ counts: [Int], total: Int) -> Double {
        let n = Double(total)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / n
            return sum - p * log2(p)
        }
    }
}
