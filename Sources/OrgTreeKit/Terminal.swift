import Foundation

/// When text output is coloured (`--color`, every command).
public enum ColorChoice: String, CaseIterable, Sendable {
    /// On a terminal only, and never when NO_COLOR is set (no-color.org) or TERM is dumb.
    case auto
    /// Always, also into a pipe or a file (CI logs that show ANSI colour); wins over NO_COLOR.
    case always
    /// Never.
    case never
}

/// ANSI colour, used only as `ColorChoice` decides.
public struct Palette: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// The palette `choice` gives for an output that is a terminal or not, in
    /// `environment`: an explicit choice wins over NO_COLOR, as no-color.org asks of
    /// command-line options.
    public static func choosing(_ choice: ColorChoice, terminal: Bool,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> Palette {
        switch choice {
        case .always: return Palette(enabled: true)
        case .never: return .plain
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return Palette(enabled: terminal && !noColor && environment["TERM"] != "dumb")
        }
    }

    /// Whether the process's standard output is a terminal.
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    public static let plain = Palette(enabled: false)

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func red(_ s: String) -> String { wrap(s, "1;31") }
    public func yellow(_ s: String) -> String { wrap(s, "1;33") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func cyan(_ s: String) -> String { wrap(s, "36") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
}
