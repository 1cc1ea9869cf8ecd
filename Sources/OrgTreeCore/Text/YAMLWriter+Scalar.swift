extension YAMLWriter {
    /// One scalar as orgtree writes it in YAML: as it is, or double-quoted by `Quoting`.
    struct Scalar: Sendable {
        /// The text as it stands in the file.
        let written: String

        private init(written: String) {
            self.written = written
        }

        /// As it is: ids, numbers, booleans, days and the values of closed sets, which no
        /// reader takes for anything else.
        static func plain(_ text: String) -> Scalar {
            Scalar(written: text)
        }

        /// Double-quoted, whatever the text.
        static func quoted(_ text: String) -> Scalar {
            Scalar(written: Quoting.quoted(text, .yaml))
        }

        /// Plain when no reader of YAML 1.1 or 1.2 can misread it (names and titles such as
        /// `Zoë`, `O'Brien`, `Support 2`), double-quoted otherwise.
        static func text(_ text: String) -> Scalar {
            isSafePlain(text) ? plain(text) : quoted(text)
        }

        /// Starts with a letter, ends with no space, holds only letters, digits, single
        /// spaces and `-.'()/&_`, and is none of the words YAML 1.1 reads as a boolean or null.
        private static func isSafePlain(_ text: String) -> Bool {
            guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
            func isLetter(_ c: Unicode.Scalar) -> Bool {
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c.value >= 0xC0 && c.properties.isAlphabetic)
            }
            guard isLetter(first), last != " " else { return false }
            var previousSpace = false
            for c in text.unicodeScalars {
                let ok = isLetter(c) || (c >= "0" && c <= "9") || c == " " || c == "-" || c == "." || c == "'"
                    || c == "(" || c == ")" || c == "/" || c == "&" || c == "_"
                if !ok { return false }
                if c == " " && previousSpace { return false }
                previousSpace = c == " "
            }
            switch text.lowercased() {
            case "y", "n", "yes", "no", "on", "off", "true", "false", "null": return false
            default: return true
            }
        }
    }
}

/// A text value as orgtree writes it into YAML (`orgtree import`, `orgtree init`): plain
/// when no YAML reader can misread it, double-quoted otherwise.
public enum YAMLText {
    public static func scalar(_ text: String) -> String { YAMLWriter.Scalar.text(text).written }
}
