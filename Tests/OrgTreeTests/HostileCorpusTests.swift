import Foundation
import Testing
import OrgTreeCore

/// Runs every case of `Tests/Fixtures/hostile/` (see its README.md) through the built
/// `orgtree validate`, in a child process with a time limit, and checks its exit status,
/// the expected diagnostic, the absence of control characters in the text output and the
/// case's time and memory bounds. Fails once, listing every case that failed and why.
@Suite("Hostile-input corpus")
struct HostileCorpusTests {
    static let corpus = Repo.path("Tests/Fixtures/hostile")

    /// A case's `expect.json`.
    struct Case: Decodable {
        struct Expectation: Decodable {
            var rule: String
            var file: String
            var line: Int
            var column: Int?
        }

        /// One thing the test makes before running: a file, a link, a FIFO, a folder, a
        /// mode, or a generated file set.
        struct Step: Decodable {
            var write: String?
            var text: String?
            var symlink: String?
            var to: String?
            var fifo: String?
            var directory: String?
            var chmod: String?
            var mode: String?
            var generate: String?
            var path: String?
            var bytes: Int?
            var count: Int?
        }

        var about: String
        var expect: Expectation?
        var status: [Int32]?
        var known: String?
        var remove: [String]?
        var setup: [Step]?
        var seconds: Double
        var memoryMiB: Int?
        var unprivileged: Bool?
        var formats: [String]?
    }

    /// What a child process did: exit status (or the signal that ended it), its output, and
    /// its time and peak resident memory.
    struct Run {
        var status: Int32?
        var signal: Int32?
        var timedOut: Bool
        var output: [UInt8]
        var seconds: Double
        var peakKiB: Int
    }

    @Test("every case of the corpus ends in an exit status, with its diagnostic, within its bounds")
    func corpus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus)
            .filter { FileManager.default.fileExists(atPath: "\(Self.corpus)/\($0)/expect.json") }
            .sorted()
        #expect(names.count >= 45)
        // HOSTILE_CORPUS_CASES=a,b runs only those cases.
        let only = ProcessInfo.processInfo.environment["HOSTILE_CORPUS_CASES"].map { Set($0.split(separator: ",").map(String.init)) }
        var failures: [String] = []
        var table: [String] = []
        let selected = names.filter { only?.contains($0) ?? true }
        for name in selected {
            do {
                let (problems, measured) = try Self.check(name)
                table.append("\(name)\t\(measured)")
                failures += problems.map { "\(name): \($0)" }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        if let out = ProcessInfo.processInfo.environment["HOSTILE_CORPUS_TABLE"] {
            try Data((table.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: out))
        }
        #expect(failures.isEmpty, "\(failures.count) of \(selected.count) hostile cases failed:\n\(failures.joined(separator: "\n"))")
    }

    /// Runs one case; returns its problems and a `seconds\tKiB` measurement.
    static func check(_ name: String) throws -> ([String], String) {
        let folder = "\(corpus)/\(name)"
        let spec = try JSONDecoder().decode(Case.self, from: Data(contentsOf: URL(fileURLWithPath: "\(folder)/expect.json")))
        let dropsPrivileges = spec.unprivileged == true && getuid() == 0
        let tree = TemporaryFolder()
        defer { restoreModes(tree.path) }
        for (file, text) in RuleExample.base where !(spec.remove ?? []).contains(file) { tree.write(file, text) }
        try copy(from: "\(folder)/tree", to: tree.path)
        for step in spec.setup ?? [] { try perform(step, in: tree.path) }
        if dropsPrivileges { try allowOthers(tree.path) }

        var problems: [String] = []
        let text = run(["validate", tree.path, "--at", "2026-06-01"], seconds: spec.seconds, unprivileged: dropsPrivileges)
        problems += outcome(text, spec)
        let out = String(decoding: text.output, as: UTF8.self)
        if let expect = spec.expect, !text.timedOut {
            let found = diagnostics(out)
            if !found.contains(where: { $0.rule == expect.rule && $0.file == expect.file && $0.line == expect.line && (expect.column == nil || $0.column == expect.column) }) {
                let seen = found.prefix(5).map { "\($0.rule) \($0.file):\($0.line):\($0.column)" }.joined(separator: "; ")
                problems.append("no \(expect.rule) at \(expect.file):\(expect.line)\(expect.column.map { ":\($0)" } ?? ""); found \(found.count): \(seen)")
            }
        }
        let controls = controlCharacters(out)
        if !controls.isEmpty { problems.append("text output holds control characters \(controls.prefix(5).map { "U+" + String($0.value, radix: 16, uppercase: true) })") }
        for format in spec.formats ?? [] {
            let other = run(["validate", tree.path, "--format", format, "--at", "2026-06-01"], seconds: spec.seconds, unprivileged: dropsPrivileges)
            problems += outcome(other, spec).map { "--format \(format): \($0)" }
            problems += formatProblems(format, other.output, count: diagnostics(out).count)
        }
        return (problems, String(format: "%.2f\t%d", text.seconds, text.peakKiB))
    }

    /// Exit status, signal, time and memory against the case's bounds.
    static func outcome(_ run: Run, _ spec: Case) -> [String] {
        var problems: [String] = []
        if run.timedOut { problems.append("killed after \(spec.seconds) s (hang)") }
        else if let signal = run.signal { problems.append("ended by signal \(signal)") }
        else if let status = run.status, !(spec.status ?? [1, 2]).contains(status) { problems.append("exit status \(status), expected \(spec.status ?? [1, 2])") }
        if run.seconds > spec.seconds { problems.append(String(format: "took %.1f s, bound %.0f s", run.seconds, spec.seconds)) }
        if spec.memoryMiB != nil, run.peakKiB == 0, !run.timedOut { problems.append("no peak memory measured") }
        if let limit = spec.memoryMiB, run.peakKiB > limit * 1024 { problems.append("peak memory \(run.peakKiB / 1024) MiB, bound \(limit) MiB") }
        return problems
    }

    /// `file:line:column: severity: message [rule]` lines of the text output.
    static func diagnostics(_ text: String) -> [(rule: String, file: String, line: Int, column: Int)] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasSuffix("]"), let open = line.lastIndex(of: "["),
                  let severity = line.firstRange(of: ": error: ") ?? line.firstRange(of: ": warning: ") else { return nil }
            let head = line[..<severity.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard head.count >= 3, let lineNumber = Int(head[head.count - 2]), let column = Int(head[head.count - 1]) else { return nil }
            let rule = String(line[line.index(after: open)..<line.index(before: line.endIndex)])
            return (rule, head.dropLast(2).joined(separator: ":"), lineNumber, column)
        }
    }

    /// Controls other than line feed, DEL, C1 controls and bidirectional formatting.
    static func controlCharacters(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { s in
            (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
                || s.value == 0x2028 || s.value == 0x2029
        }
    }

    /// `github`: one annotation line per diagnostic; `sarif`: valid JSON.
    static func formatProblems(_ format: String, _ output: [UInt8], count: Int) -> [String] {
        switch format {
        case "github":
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            let annotations = lines.filter { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") }.count
            let others = lines.filter { !$0.hasPrefix("::") }.count
            return annotations == count && others == 1 ? [] : ["--format github: \(annotations) annotations and \(others) other lines for \(count) diagnostics"]
        case "sarif":
            return (try? JSONSerialization.jsonObject(with: Data(output))) == nil ? ["--format sarif is not valid JSON"] : []
        default:
            return []
        }
    }

    // MARK: - Building the tree

    static func copy(from source: String, to destination: String) throws {
        let manager = FileManager.default
        guard let files = manager.enumerator(atPath: source) else { return }
        for case let relative as String in files {
            var isFolder: ObjCBool = false
            _ = manager.fileExists(atPath: "\(source)/\(relative)", isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            try write(Array(try Data(contentsOf: URL(fileURLWithPath: "\(source)/\(relative)"))), to: "\(destination)/\(relative)")
        }
    }

    /// A path's bytes, `\xHH` standing for the byte HH (names that are not UTF-8).
    static func pathBytes(_ path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = Substring(path)
        while let range = rest.firstRange(of: "\\x"), let byte = UInt8(rest[range.upperBound...].prefix(2), radix: 16) {
            bytes += Array(rest[..<range.lowerBound].utf8) + [byte]
            rest = rest[rest.index(range.upperBound, offsetBy: 2)...]
        }
        return bytes + Array(rest.utf8)
    }

    static func withPath<T>(_ path: String, _ body: (UnsafePointer<CChar>) -> T) -> T {
        (pathBytes(path) + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    static func makeParent(_ path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        try FileManager.default.createDirectory(atPath: String(path[..<slash]), withIntermediateDirectories: true)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try makeParent(path)
        let fd = withPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard fd >= 0 else { throw CorpusError("cannot create \(path): errno \(errno)") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw CorpusError("cannot write \(path): errno \(errno)") }
            offset += written
        }
    }

    static func perform(_ step: Case.Step, in root: String) throws {
        if let file = step.write {
            try write(Array((step.text ?? "").utf8), to: "\(root)/\(file)")
        } else if let link = step.symlink, let target = step.to {
            try makeParent("\(root)/\(link)")
            guard symlink(target, "\(root)/\(link)") == 0 else { throw CorpusError("symlink \(link): errno \(errno)") }
        } else if let fifo = step.fifo {
            try makeParent("\(root)/\(fifo)")
            guard mkfifo("\(root)/\(fifo)", 0o644) == 0 else { throw CorpusError("mkfifo \(fifo): errno \(errno)") }
        } else if let folder = step.directory {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        } else if let path = step.chmod, let mode = step.mode.flatMap({ mode_t($0, radix: 8) }) {
            guard chmod("\(root)/\(path)", mode) == 0 else { throw CorpusError("chmod \(path): errno \(errno)") }
        } else if let kind = step.generate {
            try generate(kind, step, in: root)
        } else {
            throw CorpusError("a setup step does nothing")
        }
    }

    /// Files too large or too many to commit.
    static func generate(_ kind: String, _ step: Case.Step, in root: String) throws {
        switch kind {
        case "size":
            // Comment lines of 80 bytes up to the size asked for.
            let line = Array(("# " + String(repeating: "x", count: 77) + "\n").utf8)
            let lines = (step.bytes ?? 0) / line.count + 1
            try write(Array([[UInt8]](repeating: line, count: lines).joined()), to: "\(root)/\(step.path ?? "")")
        case "people":
            // `count` valid people in people/ (p000000 … ), each with an e-mail of its own.
            for i in 0..<(step.count ?? 0) {
                let id = "p" + String(repeating: "0", count: max(0, 6 - String(i).count)) + String(i)
                try write(Array("firstName: P\nlastName: Q\nemail: \(id)@acme.example\ntfa:\n  method: app\n".utf8), to: "\(root)/people/\(id).yaml")
            }
        case "list":
            // A team whose members are `count` items `- a` (4 bytes each).
            let header = Array("name: Core\nmembers:\n".utf8)
            try write(header + Array([[UInt8]](repeating: Array("- a\n".utf8), count: step.count ?? 0).joined()), to: "\(root)/\(step.path ?? "")")
        case "keys":
            // A person followed by `count` keys `k<base 36>: 1`.
            var text = "firstName: Zed\nlastName: Roe\nemail: zed@acme.example\ntfa:\n  method: app\n"
            for i in 0..<(step.count ?? 0) { text += "k\(String(i, radix: 36)): 1\n" }
            try write(Array(text.utf8), to: "\(root)/\(step.path ?? "")")
        default:
            throw CorpusError("unknown generator \(kind)")
        }
    }

    /// Lets an unprivileged user reach the tree: its folders searchable (mode changes the
    /// case made stay as they are).
    static func allowOthers(_ root: String) throws {
        _ = chmod(root, 0o755)
        var parent = URL(fileURLWithPath: root).deletingLastPathComponent().path
        while parent != "/" {
            var info = stat()
            if stat(parent, &info) == 0, info.st_mode & 0o001 == 0 { throw CorpusError("\(parent) is not searchable by others") }
            parent = URL(fileURLWithPath: parent).deletingLastPathComponent().path
        }
    }

    /// Gives folders and files back their modes, so that the tree can be removed.
    static func restoreModes(_ root: String) {
        _ = chmod(root, 0o755)
        guard let entries = FileManager.default.enumerator(atPath: root) else { return }
        for case let relative as String in entries {
            var info = stat()
            let path = "\(root)/\(relative)"
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { continue }
            _ = chmod(path, info.st_mode & S_IFMT == S_IFDIR ? 0o755 : 0o644)
            if info.st_mode & S_IFMT == S_IFDIR { restoreModes(path) }
        }
    }

    // MARK: - Running

    /// Runs the built orgtree (as `nobody` through runuser when asked) under
    /// `/usr/bin/time`, its output into a file, and kills its process group after `seconds`
    /// twice over. Peak memory is what `time` measures: a process the test spawns itself
    /// would carry the test's own peak into its `ru_maxrss`.
    static func run(_ arguments: [String], seconds: Double, unprivileged: Bool) -> Run {
        let outputFile = NSTemporaryDirectory() + "orgtree-hostile-\(UUID().uuidString).out"
        let timeFile = outputFile + ".time"
        defer { unlink(outputFile); unlink(timeFile) }
        let argv = ["/usr/bin/time", "-f", "%M", "-o", timeFile]
            + (unprivileged ? ["/usr/sbin/runuser", "-u", "nobody", "--", Repo.executable] : [Repo.executable]) + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        guard posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment) == 0 else {
            return Run(status: nil, signal: nil, timedOut: false, output: Array("cannot start \(argv[0])".utf8), seconds: 0, peakKiB: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            if Date().timeIntervalSince(start) > seconds * 2 {
                timedOut = true
                kill(-pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(10_000)
        }
        let elapsed = Date().timeIntervalSince(start)
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outputFile))).map(Array.init) ?? []
        // `time` writes "Command terminated by signal N" (if so) and then the peak in KiB.
        let measured = ((try? String(contentsOfFile: timeFile, encoding: .utf8)) ?? "").split(separator: "\n")
        let signal = measured.first { $0.hasPrefix("Command terminated by signal ") }.flatMap { Int32($0.split(separator: " ").last ?? "") }
        let timeSignalled = status & 0x7F != 0
        return Run(status: timeSignalled || signal != nil ? nil : (status >> 8) & 0xFF, signal: timeSignalled ? status & 0x7F : signal,
                   timedOut: timedOut, output: output, seconds: elapsed, peakKiB: measured.last.flatMap { Int($0) } ?? 0)
    }

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
