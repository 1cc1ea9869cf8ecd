import Foundation
import OrgTreeKit

/// Where a command writes: standard output (buffered) and standard error, with the
/// palette for standard output. `standard()` is the process's own; `CapturingConsole`
/// keeps both streams in memory, so that tests run commands in process.
public final class Console: @unchecked Sendable {
    /// Whether `out` goes to a terminal, and the environment NO_COLOR and TERM are read
    /// from: what `--color auto` decides by.
    public let terminal: Bool
    /// Whether `error` goes to a terminal: where progress is shown (`status`).
    public let errorTerminal: Bool
    public let environment: [String: String]
    private var chosen: Palette
    private let writeOut: ([UInt8]) -> Void
    private let writeError: ([UInt8]) -> Void
    private var buffer: [UInt8] = []
    /// The width of the status line standing on the terminal (0: none).
    private var statusWidth = 0
    private let lock = NSLock()
    /// What a command read, kept until the process ends (`keepUntilExit`).
    private var kept: [any Sendable] = []

    /// Keeps `value` for as long as this console lives: the command-line tool's console
    /// lives until the process ends, so a tree of 100,000 files is not freed object by
    /// object just before the process exits (the system takes the memory back at once).
    /// A console of a test frees what it kept with itself.
    public func keepUntilExit(_ value: any Sendable) {
        lock.withLock { kept.append(value) }
    }

    public init(terminal: Bool, errorTerminal: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
                out: @escaping ([UInt8]) -> Void, error: @escaping ([UInt8]) -> Void) {
        self.terminal = terminal
        self.errorTerminal = errorTerminal
        self.environment = environment
        chosen = .choosing(.auto, terminal: terminal, environment: environment)
        writeOut = out
        writeError = error
        buffer.reserveCapacity(1 << 16)
    }

    /// The process's standard output and standard error. A write that fails is not
    /// retried, nor is anything written to that stream after it: `outputFailure` tells.
    public static func standard() -> Console {
        let out = DescriptorWriter(STDOUT_FILENO), error = DescriptorWriter(STDERR_FILENO)
        let console = Console(terminal: Palette.standardOutputIsTerminal, errorTerminal: isatty(STDERR_FILENO) == 1,
                              out: out.write, error: error.write)
        console.outputFailure = { out.failure }
        return console
    }

    /// The `errno` of the first write to standard output that failed (`EPIPE`: the
    /// reader is gone; `ENOSPC`: a full disk), or nil.
    public private(set) var outputFailure: @Sendable () -> Int32? = { nil }

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
            clearStatusLocked()
            writeError(Array(text.utf8))
        }
    }

    /// Shows `text` as the one status line on standard error when it is a terminal,
    /// replacing the one before; anything else written to either stream clears it first.
    /// Plain text and carriage returns only: no escape sequence, whatever TERM is.
    public func status(_ text: String) {
        guard errorTerminal else { return }
        // One terminal line (a wrapped one would not be replaced).
        let text = String(text.unicodeScalars.prefix(79))
        lock.withLock {
            let width = text.unicodeScalars.count
            writeError(Array(("\r" + text + String(repeating: " ", count: max(0, statusWidth - width))).utf8))
            statusWidth = width
        }
    }

    /// Removes the status line, if one stands.
    public func clearStatus() { lock.withLock { clearStatusLocked() } }

    /// Sends what standard output holds and removes the status line.
    public func flush() {
        lock.withLock {
            flushLocked()
            clearStatusLocked()
        }
    }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        clearStatusLocked()
        writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func clearStatusLocked() {
        guard statusWidth > 0 else { return }
        writeError(Array(("\r" + String(repeating: " ", count: statusWidth) + "\r").utf8))
        statusWidth = 0
    }
}

/// Writes bytes to a file descriptor until the first failure, which it keeps.
private final class DescriptorWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var error: Int32?

    init(_ descriptor: Int32) { self.descriptor = descriptor }

    var failure: Int32? { lock.withLock { error } }

    func write(_ bytes: [UInt8]) {
        lock.withLock {
            guard error == nil else { return }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    error = errno
                    return
                }
                offset += n
            }
        }
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

    /// `terminal` and `environment` stand for a terminal's (what `--color auto` reads),
    /// `errorTerminal` for standard error's (progress); by default pipes, so no colour
    /// unless `--color always`, and no progress.
    public init(terminal: Bool = false, errorTerminal: Bool = false, environment: [String: String] = [:]) {
        let streams = Streams()
        self.streams = streams
        console = Console(terminal: terminal, errorTerminal: errorTerminal, environment: environment,
                          out: { bytes in streams.lock.withLock { streams.out += bytes } },
                          error: { bytes in streams.lock.withLock { streams.error += bytes } })
    }

    public var output: String { streams.lock.withLock { String(decoding: streams.out, as: UTF8.self) } }
    public var errors: String { streams.lock.withLock { String(decoding: streams.error, as: UTF8.self) } }
}
