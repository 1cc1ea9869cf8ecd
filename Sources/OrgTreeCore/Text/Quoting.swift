/// Double-quoted strings as orgtree writes them in JSON (reports, list columns of the
/// store) and in YAML (generated and imported trees): one escaper for every writer.
///
/// Both escape `"`, `\`, line feed, carriage return and tab by their short forms. JSON
/// escapes the other control characters as `\u00XX`. YAML escapes what a YAML reader
/// would refuse or change: other C0 controls, DEL and the C1 controls as `\xXX`, the
/// byte order mark and the non-characters U+FFFE/U+FFFF as `\uXXXX`, and the line breaks
/// a double-quoted scalar folds (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) as `\N`, `\L`,
/// `\P`.
public enum Quoting {
    public enum Style: Sendable {
        case json, yaml
    }

    public static func quoted(_ text: String, _ style: Style) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, style, to: &out)
        return out
    }

    public static func appendQuoted(_ text: String, _ style: Style, to out: inout String) {
        out += "\""
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            // Printable ASCII without quotes or backslashes, the common case: as it is.
            out += text
        } else {
            for scalar in text.unicodeScalars { appendEscaped(scalar, style, to: &out) }
        }
        out += "\""
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, _ style: Style, to out: inout String) {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            let v = scalar.value
            switch style {
            case .json:
                if v < 0x20 { out += "\\u" + hex(v, digits: 4) } else { out.unicodeScalars.append(scalar) }
            case .yaml:
                switch v {
                case 0x85: out += "\\N"
                case 0x2028: out += "\\L"
                case 0x2029: out += "\\P"
                case 0..<0x20, 0x7F...0x9F: out += "\\x" + hex(v, digits: 2)
                case 0xFEFF, 0xFFFE, 0xFFFF: out += "\\u" + hex(v, digits: 4)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
