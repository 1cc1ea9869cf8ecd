import Dispatch
import Foundation

/// Phase timings on standard error when ORGTREE_TIMING is set (for tuning; off by
/// default): each mark prints the time since the one before.
final class PhaseTimer: @unchecked Sendable {
    private let console: Console?
    private var last = DispatchTime.now().uptimeNanoseconds

    init(_ console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.console = environment["ORGTREE_TIMING"] != nil ? console : nil
    }

    func mark(_ phase: String) {
        guard let console else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        console.error(String(format: "orgtree: timing: %-48@ %.3f s\n", phase as NSString, Double(now - last) / 1e9))
        last = now
    }
}
