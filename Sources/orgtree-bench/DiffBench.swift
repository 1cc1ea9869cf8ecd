import Foundation
import OrgTreeCore
import OrgTreeKit

/// `orgtree-bench diff OLD NEW [REPEATS]`: the whole `orgtree diff` pipeline (read both
/// trees, validate NEW, compare, render the text report) against one `validate` of NEW
/// (read and every rule), both in this process and this run, medians of REPEATS.
func diffBenchmark(old: String, new: String, repeats: Int) {
    let day = Day("2026-11-23")!
    var validateTimes: [Double] = [], diffTimes: [Double] = []
    var changes = 0, reportBytes = 0
    for _ in 0..<repeats {
        validateTimes.append(seconds {
            guard let loaded = try? TreeReader().read(new) else { fatalError("cannot read \(new)") }
            _ = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
        })
        diffTimes.append(seconds {
            guard case .compared(let diff, _, _)? = try? TreeComparison.run(old: .folder(old), new: .folder(new), day: day) else {
                fatalError("\(new) does not validate or cannot be read")
            }
            changes = diff.changes.count
            reportBytes = DiffRendering.render(diff, DiffHeader(old: old, new: new, day: day), as: .text).utf8.count
        })
    }
    let validate = median(validateTimes), diff = median(diffTimes)
    print("diff: \(old) → \(new), median of \(repeats): \(changes) changes, \(reportBytes) bytes of text report")
    print(String(format: "orgtree validate NEW (read + all rules): %.3f s", validate))
    print(String(format: "orgtree diff OLD NEW (read both, validate NEW, compare, render): %.3f s  (%.2fx validate)", diff, diff / validate))

    // Where the diff's time goes, phase by phase.
    var before: LoadedTree?, after: LoadedTree?, result: ValidationResult?, engine: AccessEngine?
    let readOld = seconds { before = try? TreeReader().read(old) }
    let readNew = seconds { after = try? TreeReader().read(new) }
    let check = seconds { result = Validator().validate(after!.tree, readDiagnostics: after!.diagnostics, at: day) }
    let index = seconds { engine = AccessEngine(tree: before!.tree) }
    let compare = seconds { _ = TreeDiffer(old: engine!, new: result!.engine, day: day).diff() }
    print(String(format: "phases: read OLD %.3f, read NEW %.3f, validate NEW %.3f, OLD access engine %.3f, compare %.3f", readOld, readNew, check, index, compare))
    print(String(format: "peak memory: %.0f MB", peakMemoryMB()))
}
