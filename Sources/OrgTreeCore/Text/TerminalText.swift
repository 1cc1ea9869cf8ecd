/// Text from a tree, a store or a file name, made safe to write to a terminal or a CI log:
/// every character that could move the cursor, start an escape sequence, end a line or
/// reorder the text is shown as `\u{XX}` (its code point in hexadecimal, as Swift writes
/// it), so an ESC cannot colour, retitle or link, and a line feed cannot forge a line.
///
/// Escaped: the C0 controls (U+0000–U+001F, tab and line feed included), DEL (U+007F),
/// the C1 controls (U+0080–U+009F), LINE SEPARATOR and PARAGRAPH SEPARATOR (U+2028,
/// U+2029), the bidirectional marks (U+200E, U+200F, U+061C), embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069). Everything else, backslashes included, is written as it is. The text
/// renderers apply it to each piece they take from outside, before they colour it.
public enum TerminalText {
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if isEscaped(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A value's description (`String(describing:)`), escaped.
    public static func escaped(describing value: some Any) -> String {
        escaped(String(describing: value))
    }
}
