/// Lists inside one column (template names, token scopes): a JSON array of strings.
public enum ListCoding {
    public static func encode(_ values: [String]) -> String {
        "[" + values.map { Quoting.quoted($0, .json) }.joined(separator: ",") + "]"
    }

    public static func decode(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        var pendingHex: String?
        for ch in text.unicodeScalars {
            if inString {
                if escaped {
                    switch ch {
                    case "n": current += "\n"
                    case "r": current += "\r"
                    case "t": current += "\t"
                    case "u": pendingHex = ""
                    default: current.unicodeScalars.append(ch)
                    }
                    escaped = false
                } else if let hex = pendingHex {
                    // The four hex digits of a \uXXXX escape.
                    pendingHex = hex + String(ch)
                    if pendingHex!.count == 4 {
                        if let value = UInt32(pendingHex!, radix: 16), let scalar = Unicode.Scalar(value) { current.unicodeScalars.append(scalar) }
                        pendingHex = nil
                    }
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    result.append(current)
                    current = ""
                    inString = false
                } else {
                    current.unicodeScalars.append(ch)
                }
            } else if ch == "\"" {
                inString = true
            }
        }
        return result
    }
}
