import Foundation
import OrgTreeKit

/// Where a command writes: standard output (buffered) and standard error, with the
/// palette for standard output. `standard()` is the process's own; `CapturingConsole`
/// keeps both streams in memory, so that tests run commands in process.
public final class Console: @unchecked Sendable {
    /// Whether `out` goes to a terminal, and the environment NO_COLOR and TERM are read
    /// from: what `--color auto` decides by.
    public let terminal: Bool
    public let environment: [String: String]
    private var chosen: Palette
    private let writeOut: ([UInt8]) -> Void
    private let writeError: ([UInt8]) -> Void
    private var buffer: [UInt8] = []
    private let lock = NSLock()

    public init(terminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment,
                out: @escaping ([UInt8]) -> Void, error: @escaping ([UInt8]) -> Void) {
        self.terminal = terminal
        self.environment = environment
        chosen = .choosing(.auto, terminal: terminal, environment: environment)
        writeOut = out
        writeError = error
        buffer.reserveCapacity(1 << 16)
    }

    /// The process's standard output and standard error.
    public static func standard() -> Console {
        Console(terminal: Palette.standardOutputIsTerminal,
                out: { FileHandle.standardOutput.write(Data($0)) },
                error: { FileHandle.standardError.write(Data($0)) })
    }

    /// Colour for what goes to `out`, as `--color` chose (`auto` until `useColor`).
    public var palette: Palette { lock.withLock { chosen } }

    /// Applies a command's `--color`.
    public func useColor(_ choice: ColorChoice) {
        lock.withLock { chosen = .choosing(choice, terminal: terminal, environment: environment) }
    }

    /// Writes to standard output (buffered; `flush` sends it).
    public func out(_ text: String) {
        lock.withLock {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { flushLocked() }
        }
    }

    /// Writes a line to standard output.
    public func line(_ text: String) { out(text + "\n") }

    /// Writes to standard error at once (after what standard output holds so far).
    public func error(_ text: String) {
        lock.withLock {
            flushLocked()
            writeError(Array(text.utf8))
        }
    }

    public func flush() { lock.withLock { flushLocked() } }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A console for tests: both streams kept as text.
public final class CapturingConsole: Sendable {
    private final class Streams: @unchecked Sendable {
        let lock = NSLock()
        var out: [UInt8] = []
        var error: [UInt8] = []
    }

    private let streams: Streams
    public let console: Console

    /// `terminal` and `environment` stand for a terminal's (what `--color auto` reads);
    /// by default a pipe, so no colour unless `--color always`.
    public init(terminal: Bool = false, environment: [String: String] = [:]) {
        let streams = Streams()
        self.streams = streams
        console = Console(terminal: terminal, environment: environment,
                          out: { bytes in streams.lock.withLock { streams.out += bytes } },
                          error: { bytes in streams.lock.withLock { streams.error += bytes } })
    }

    public var output: String { streams.lock.withLock { String(decoding: streams.out, as: UTF8.self) } }
    public var errors: String { streams.lock.withLock { String(decoding: streams.error, as: UTF8.self) } }
}
