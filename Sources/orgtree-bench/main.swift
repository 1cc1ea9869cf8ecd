import Foundation
import OrgTreeCore
import OrgTreeKit
import OrgTreeYAML

// Benchmark: orgtree validate against libyaml's own event loop over the same files,
// both on all cores, in one process and one run (and against that loop on one core, the
// floor as issue reports first gave it). Usage: orgtree-bench TREE [REPEATS]
// (`orgtree-bench scan TREE` runs the baseline alone, once).
// Build in release mode (scripts/bench.sh does).

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: orgtree-bench TREE [REPEATS]\n".utf8))
    exit(2)
}
if arguments[1] == "diff" {
    // orgtree-bench diff OLD NEW [REPEATS]: diff against validate (DiffBench.swift).
    guard arguments.count >= 4 else {
        FileHandle.standardError.write(Data("usage: orgtree-bench diff OLD NEW [REPEATS]\n".utf8))
        exit(2)
    }
    diffBenchmark(old: arguments[2], new: arguments[3], repeats: arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5)
    exit(0)
}
// orgtree-bench scan TREE: the baseline alone, once (for instruction counts under callgrind).
let scanOnly = arguments[1] == "scan"
let root = scanOnly && arguments.count > 2 ? arguments[2] : arguments[1]
let repeats = scanOnly ? 1 : arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let workers = ProcessInfo.processInfo.activeProcessorCount
let day = Day("2026-11-23")!

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s[s.count / 2]
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

final class Counter: @unchecked Sendable {
    var events = [Int](repeating: 0, count: 64)
}

/// The floor: list the files, read them and run libyaml's event loop, on `workers` cores.
func baseline(workers: Int = workers) -> (events: Int, bytes: Int) {
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()
    let counter = Counter()
    let sizes = Counter()
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var events = 0, bytes = 0
        var i = worker
        while i < files.count {
            if let data = FileManager.default.contents(atPath: root + "/" + files[i]) {
                let array = [UInt8](data)
                bytes += array.count
                events += YAMLEventScan.countEvents(array) ?? 0
            }
            i += workers
        }
        counter.events[worker] = events
        sizes.events[worker] = bytes
    }
    return (counter.events.reduce(0, +), sizes.events.reduce(0, +))
}

if scanOnly {
    let (events, bytes) = baseline()
    print("libyaml event loop over \(root): \(events) events, \(bytes) bytes")
    exit(0)
}

var scanTimes: [Double] = []
var oneCoreScanTimes: [Double] = []
var validateTimes: [Double] = []
var readTimes: [Double] = []
var events = 0, bytes = 0, diagnostics = 0, files = 0
for _ in 0..<repeats {
    scanTimes.append(seconds { (events, bytes) = baseline() })
    var loaded: LoadedTree?
    validateTimes.append(try seconds {
        readTimes.append(try seconds { loaded = try TreeReader().read(root) })
        let result = Validator().validate(loaded!.tree, readDiagnostics: loaded!.diagnostics, at: day)
        diagnostics = result.diagnostics.count
        files = loaded!.tree.files.count
    })
}
// The one-core loop after the others, so that it leaves no state behind for validate.
for _ in 0..<repeats { oneCoreScanTimes.append(seconds { _ = baseline(workers: 1) }) }
let scan = median(scanTimes), oneCoreScan = median(oneCoreScanTimes)
let validate = median(validateTimes), read = median(readTimes)
print("tree: \(root) (\(files) files, \(bytes / 1024) KiB, \(events) YAML events), \(workers) cores, median of \(repeats)")
print(String(format: "libyaml event loop (baseline): %.3f s  (%.1f MB/s)", scan, Double(bytes) / scan / 1e6))
print(String(format: "libyaml event loop, one core:  %.3f s  (%.1f MB/s)", oneCoreScan, Double(bytes) / oneCoreScan / 1e6))
print(String(format: "orgtree read+parse+decode:     %.3f s  (%.2fx baseline)", read, read / scan))
print(String(format: "orgtree validate (all rules):  %.3f s  (%.2fx baseline)", validate, validate / scan))
print(String(format: "orgtree validate / one-core loop: %.2fx", validate / oneCoreScan))
print(String(format: "peak memory: %.0f MB; diagnostics: %d", peakMemoryMB(), diagnostics))

// Where the time goes after reading: the access engine and each rule.
if let loaded = try? TreeReader().read(root) {
    var engine: AccessEngine?
    let engineTime = seconds { engine = AccessEngine(tree: loaded.tree) }
    var outcomes: AssertionOutcomes?
    let assertionsTime = seconds { outcomes = AssertionOutcomes(tree: loaded.tree, engine: engine!, day: day) }
    let context = RuleContext(tree: loaded.tree, engine: engine!, day: day, assertionOutcomes: outcomes)
    var costs: [(String, Double)] = [("access engine (indexes)", engineTime), ("assertions (evaluated once)", assertionsTime)]
    var ruleTotal = 0.0
    for rule in Validator().rules {
        let time = seconds { _ = rule.check(context) }
        costs.append((type(of: rule).description.name.rawValue, time))
        ruleTotal += time
    }
    let sortTime = seconds { _ = loaded.diagnostics.sorted() }
    costs.append(("sorting diagnostics", sortTime))
    let validateTime = seconds { _ = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day) }
    print(String(format: "after reading: validate %.3f s on all cores; one by one: engine %.3f s, rules %.3f s", validateTime, engineTime, ruleTotal))
    print("slowest steps after reading:")
    for (name, time) in costs.sorted(by: { $0.1 > $1.1 }).prefix(6) {
        print(String(format: "  %-32@ %.3f s", name as NSString, time))
    }
}

// Phases of reading, each on all cores over bytes already in memory.
do {
    let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    let contents = paths.map { [UInt8](FileManager.default.contents(atPath: root + "/" + $0)!) }
    let pairs = Array(zip(paths, contents))
    let t1 = seconds { _ = ConcurrentMap.map(contents) { YAMLEventScan.countEvents($0) } }
    let t2 = seconds { _ = ConcurrentMap.map(contents) { try? YAMLReader().read($0).get() } }
    let decoder = DocumentDecoder()
    var parsed: [ParsedFile] = []
    let t3 = seconds { parsed = ConcurrentMap.map(pairs) { decoder.decode(path: $0.0, bytes: $0.1) } }
    let t4 = seconds { _ = OrgTree.assemble(parsed) }
    let t5 = seconds { _ = try? TreeReader().read(root) }
    print(String(format: "phases: events %.3f, nodes %.3f, decode %.3f, assemble %.3f, full read %.3f", t1, t2, t3, t4, t5))
}

// Effective access: one person beyond loading, and the whole matrix streamed.
if let loaded = try? TreeReader().read(root) {
    let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
    var matrix: AccessMatrix?
    let indexTime = seconds { matrix = AccessMatrix(engine: result.engine) }
    let people = loaded.tree.personIDs
    let probe = people[people.count / 2]
    var onePerson: [Double] = []
    for _ in 0..<5 {
        onePerson.append(seconds { _ = matrix!.access(of: .person(probe), at: day) })
    }
    var bytesOut = 0
    let subjects = loaded.tree.subjects
    let fullMatrix = seconds {
        let defaults = Dictionary(uniqueKeysWithValues: loaded.tree.projectIDs.map { ($0, result.engine.defaultSetting(on: $0).setting.description) })
        AccessJSONRendering.effectiveJSON(subjects, day: day, projectDefaults: defaults, access: { matrix!.access(of: $0, at: day) }, emit: { bytesOut += $0.utf8.count })
    }
    print(String(format: "effective: matrix indexes %.3f s; one person (%@) %.4f s; whole matrix, %d subjects as JSON (%.1f MB, discarded) %.2f s (%.2fx validate)",
                 indexTime, probe, median(onePerson), subjects.count, Double(bytesOut) / 1e6, fullMatrix, fullMatrix / validate))
    print(String(format: "peak memory after effective: %.0f MB", peakMemoryMB()))
}
