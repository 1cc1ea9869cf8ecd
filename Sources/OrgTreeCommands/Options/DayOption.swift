import ArgumentParser
import Foundation
import OrgTreeCore

/// `--at DATE`: the day a command evaluates on (token expiry, assertions).
struct DayOption: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluate on this day (YYYY-MM-DD): token expiry and assertions. Default: today.",
                               valueName: "date"))
    var at: String?

    /// The day given, else `fallback` (a saved plan's day), else today in the local time zone.
    func day(orElse fallback: String? = nil) throws -> Day {
        try Self.parse(at ?? fallback, option: "--at")
    }

    /// A day written YYYY-MM-DD for `option`; nil is today in the local time zone.
    static func parse(_ text: String?, option: String) throws -> Day {
        if let text {
            guard let day = Day(text) else {
                throw CommandFailure(message: "\(option) takes a day as YYYY-MM-DD, not '\(text)'")
            }
            return day
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
