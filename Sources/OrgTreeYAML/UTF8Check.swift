/// UTF-8 validation that says where the first bad byte or the first character orgtree
/// does not allow is, before libyaml reads the text (libyaml reports those at 1:1).
enum UTF8Check {
    enum Finding: Equatable {
        /// A byte that does not start or continue a well-formed UTF-8 sequence.
        case invalidByte(offset: Int)
        /// A character YAML does not allow in a file: a C0 control other than tab, line
        /// feed and carriage return, DEL, a C1 control other than NEL, U+FFFE or U+FFFF.
        case control(offset: Int, scalar: UInt32)
        /// NEL, U+2028 or U+2029 written as it is: libyaml ends a line there (a comment
        /// would end and hide what follows as YAML), editors and GitHub do not.
        case lineBreak(offset: Int, scalar: UInt32)
    }

    /// The first problem (overlongs, surrogates and code points past U+10FFFF are invalid
    /// bytes), nil when the text can go to libyaml.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Finding? {
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c < 0x80 {
                if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F {
                    return .control(offset: i, scalar: UInt32(c))
                }
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return .invalidByte(offset: i)
            }
            if i + length > n { return .invalidByte(offset: i) }
            let second = bytes[i + 1]
            if second < lower || second > upper { return .invalidByte(offset: i) }
            var k = 2
            while k < length {
                if bytes[i + k] & 0xC0 != 0x80 { return .invalidByte(offset: i) }
                k += 1
            }
            if c == 0xC2, second <= 0x9F {
                // The C1 controls, U+0080–U+009F; U+0085 is NEL.
                return second == 0x85 ? .lineBreak(offset: i, scalar: 0x85) : .control(offset: i, scalar: UInt32(second))
            } else if c == 0xE2, second == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                return .lineBreak(offset: i, scalar: 0x2000 + UInt32(bytes[i + 2] - 0x80))
            } else if c == 0xEF, second == 0xBF, bytes[i + 2] >= 0xBE {
                return .control(offset: i, scalar: 0xFFF0 + UInt32(bytes[i + 2] & 0x0F))
            }
            i += length
        }
        return nil
    }

    /// Line and column (in characters) of a byte offset; lines end at a line feed.
    static func mark(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceMark {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceMark(line: line, column: column)
    }
}
