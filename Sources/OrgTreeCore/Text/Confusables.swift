/// The few Unicode facts the look-alike checks need, as small tables (Swift's
/// `Unicode.Scalar.Properties` has no script property).
///
/// `script(of:)` tells apart the scripts whose letters pass for Latin ones: Latin, Greek,
/// Cyrillic, Armenian and Cherokee, by the ranges of their blocks (Unicode 15):
///
/// | script | ranges |
/// | --- | --- |
/// | Latin | 0041–005A, 0061–007A, 00AA, 00BA, 00C0–00D6, 00D8–00F6, 00F8–024F, 0250–02AF, 1D00–1D7F, 1E00–1EFF, 2C60–2C7F, A720–A7FF, AB30–AB6F, FF21–FF3A, FF41–FF5A |
/// | Greek | 0370–03FF, 1F00–1FFF |
/// | Cyrillic | 0400–052F, 1C80–1C8F, 2DE0–2DFF, A640–A69F |
/// | Armenian | 0531–058F, FB13–FB17 |
/// | Cherokee | 13A0–13FF, AB70–ABBF |
///
/// Every other scalar (digits, `-`, `.`, other scripts) has no script here, so it never
/// makes a text mixed. `skeleton(of:)` maps the Cyrillic, Greek, Armenian, Cherokee and
/// Latin-extension letters that look like a basic Latin letter to that letter (the table
/// `latinLookalikes`, drawn from Unicode's confusables.txt), then lower-cases ASCII: two
/// texts with one skeleton look the same on screen.
public enum Confusables {
    public enum Script: String, Sendable, Hashable, Comparable, CaseIterable {
        case latin = "Latin", greek = "Greek", cyrillic = "Cyrillic", armenian = "Armenian", cherokee = "Cherokee"

        public static func < (lhs: Script, rhs: Script) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public static func script(of scalar: Unicode.Scalar) -> Script? {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x250...0x2AF,
             0x1D00...0x1D7F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F,
             0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        case 0x531...0x58F, 0xFB13...0xFB17: return .armenian
        case 0x13A0...0x13FF, 0xAB70...0xABBF: return .cherokee
        default: return nil
        }
    }

    /// The scripts of a text's letters, in `Script` order.
    public static func scripts(of text: some StringProtocol) -> [Script] {
        Set(text.unicodeScalars.compactMap(script(of:))).sorted()
    }

    /// Letters that look like a basic Latin letter, and that letter.
    public static let latinLookalikes: [Unicode.Scalar: Character] = [
        // Cyrillic
        "а": "a", "А": "a", "В": "b", "Ь": "b", "с": "c", "С": "c", "ԁ": "d", "е": "e", "Е": "e", "ё": "e",
        "Һ": "h", "һ": "h", "Н": "h", "і": "i", "І": "i", "ї": "i", "ј": "j", "Ј": "j", "К": "k", "к": "k",
        "ӏ": "l", "Ӏ": "l", "М": "m", "о": "o", "О": "o", "р": "p", "Р": "p", "ԛ": "q", "Ԛ": "q",
        "ѕ": "s", "Ѕ": "s", "Т": "t", "у": "y", "У": "y", "ү": "y", "ԝ": "w", "Ԝ": "w", "х": "x", "Х": "x",
        // Greek
        "α": "a", "Α": "a", "Β": "b", "Ε": "e", "Η": "h", "ι": "i", "Ι": "i", "Κ": "k", "κ": "k", "Μ": "m",
        "Ν": "n", "ν": "v", "ο": "o", "Ο": "o", "ρ": "p", "Ρ": "p", "Τ": "t", "υ": "u", "Υ": "y", "Χ": "x",
        "χ": "x", "Ζ": "z",
        // Armenian
        "օ": "o", "ո": "n", "ս": "u", "հ": "h", "ց": "g", "զ": "q", "Տ": "s", "Օ": "o",
        // Cherokee
        "Ꭺ": "a", "Ᏼ": "b", "Ꮯ": "c", "Ꭼ": "e", "Ꮋ": "h", "Ꭻ": "j", "Ꮶ": "k", "Ꮇ": "m", "Ꮲ": "p",
        "Ꮪ": "s", "Ꭲ": "t", "Ꮃ": "w", "Ꮓ": "z", "Ꭵ": "i",
        // Latin letters beyond ASCII that pass for ASCII ones
        "ı": "i", "ɑ": "a", "ɡ": "g", "ʏ": "y", "ɩ": "i",
    ]

    /// The text with every look-alike letter replaced by the Latin letter it looks like,
    /// ASCII lower-cased.
    public static func skeleton(of text: some StringProtocol) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let latin = latinLookalikes[scalar] {
                out.append(latin)
            } else if scalar.isASCII {
                out.append(Character(String(scalar).lowercased()))
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The bidirectional formatting characters: the marks (U+200E, U+200F, U+061C), the
    /// embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `U+202E RIGHT-TO-LEFT OVERRIDE`: the name of a bidirectional formatting character.
    public static func bidiName(_ scalar: Unicode.Scalar) -> String {
        let name = switch scalar.value {
        case 0x200E: "LEFT-TO-RIGHT MARK"
        case 0x200F: "RIGHT-TO-LEFT MARK"
        case 0x061C: "ARABIC LETTER MARK"
        case 0x202A: "LEFT-TO-RIGHT EMBEDDING"
        case 0x202B: "RIGHT-TO-LEFT EMBEDDING"
        case 0x202C: "POP DIRECTIONAL FORMATTING"
        case 0x202D: "LEFT-TO-RIGHT OVERRIDE"
        case 0x202E: "RIGHT-TO-LEFT OVERRIDE"
        case 0x2066: "LEFT-TO-RIGHT ISOLATE"
        case 0x2067: "RIGHT-TO-LEFT ISOLATE"
        case 0x2068: "FIRST STRONG ISOLATE"
        default: "POP DIRECTIONAL ISOLATE"
        }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) \(name)"
    }
}
