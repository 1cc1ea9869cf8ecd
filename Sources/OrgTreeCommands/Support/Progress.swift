import Dispatch
import Foundation
import OrgTreeCore

/// Progress of long work on standard error: the step done last, with its rows and the
/// time so far, as one status line that the next step replaces and any output clears
/// (`Console.status`). Only when standard error is a terminal, and neither with --quiet
/// nor under ORGTREE_TIMING, whose lines (`PhaseTimer`) say the same a step a line.
final class Progress: @unchecked Sendable {
    private let console: Console
    private let command: String
    private let shown: Bool
    private let timer: PhaseTimer
    private let start = DispatchTime.now().uptimeNanoseconds

    init(_ console: Console, command: String, shown: Bool,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.console = console
        self.command = command
        self.shown = shown && console.errorTerminal && environment["ORGTREE_TIMING"] == nil
        timer = PhaseTimer(console, environment: environment)
    }

    /// A step is done, or under way (what the workflows' `phase` is called with).
    func mark(_ step: WorkStep) {
        if !step.underWay { timer.mark(step.description) }
        guard shown else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        console.status(String(format: "orgtree %@: %.1f s, %@", command as NSString, seconds, step.description as NSString))
    }
}
