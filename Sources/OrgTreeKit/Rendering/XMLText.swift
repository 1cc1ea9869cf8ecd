/// Text made safe for XML 1.0: markup characters escaped, and characters XML 1.0 cannot
/// hold at all (C0 controls other than tab and line breaks, unpaired surrogates cannot
/// occur in a Swift string, U+FFFE and U+FFFF) replaced by U+FFFD.
public enum XMLText {
    /// For element content: `&`, `<`, `>` escaped; line breaks and tabs kept.
    public static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    /// For an attribute value in double quotes: also `"` and `'`, and tab, line feed and
    /// carriage return as character references, which attribute normalization would
    /// otherwise turn into spaces.
    public static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&apos;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r": out += "&#13;"  // a raw CR would be read back as a line feed
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
