/// Text from the tree in GitHub markdown (pull-request comments, job summaries): shown as
/// written, never as markup, and never active. GitHub links `@name` (pinging a user or a
/// team) and `#123` (an issue) in text after rendering the markdown, so a backslash does
/// not stop it: a zero-width space after `@` and `#` does, and looks the same.
public enum MarkdownText {
    /// Breaks a mention or an issue reference without changing how it reads.
    static let breaker = "\u{200B}"

    /// Text for a paragraph, a list item or a table cell: HTML and markdown characters
    /// escaped, mentions and issue references broken, line breaks made spaces. GitHub
    /// links `@name` only after a character that is not a letter or digit, so an e-mail
    /// address (`ann@acme.example`) stays as written and can be copied; `#` is broken
    /// everywhere (`owner/repo#12` links too).
    public static func escape(_ s: String) -> String {
        var out = ""
        var afterWord = false
        for c in s {
            defer { afterWord = c.isLetter || c.isNumber }
            switch c {
            case "@" where afterWord: out += "@"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|": out += "\\|"
            case "@": out += "@" + breaker
            case "#": out += "\\#" + breaker
            case "\\", "*", "_", "`", "[", "]", "~": out += "\\" + String(c)
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// A code span (GitHub links nothing in it); a backquote inside becomes `'`.
    public static func code(_ s: String) -> String {
        "`" + s.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ") + "`"
    }

    /// A fenced code block around `lines`: its fence is longer than any run of
    /// backquotes in them, so no line can close it early. `language` follows the opening
    /// fence (`mermaid`).
    public static func codeBlock(_ lines: [String], language: String = "") -> String {
        var longest = 0
        for line in lines {
            var run = 0
            for c in line.unicodeScalars {
                run = c == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + lines.map { $0 + "\n" }.joined() + fence + "\n"
    }
}
