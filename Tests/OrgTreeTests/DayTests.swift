import Testing
@testable import OrgTreeCore

/// Day arithmetic, as the generator counts token expiry dates.
@Suite("Days")
struct DayTests {
    @Test("adding days crosses months, leap days and years")
    func adding() {
        let day = Day("2024-02-28")!
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(day.adding(days: 366).description == "2025-02-28")
        #expect(Day("2100-02-28")!.adding(days: 1).description == "2100-03-01")
        #expect(Day("2000-02-28")!.adding(days: 1).description == "2000-02-29")
        #expect(Day("2026-01-01")!.adding(days: -1).description == "2025-12-31")
        #expect(Day("9999-12-31")!.adding(days: 1).description == "10000-01-01")
    }

    @Test("the day count and the calendar agree on every day of four centuries")
    func countAndCalendarAgree() {
        var day = Day("1900-01-01")!
        let start = day.daysSince1970
        #expect(Day("1970-01-01")!.daysSince1970 == 0)
        for count in start..<(start + 146_097) {
            #expect(day.daysSince1970 == count)
            #expect(Day(daysSince1970: count) == day)
            #expect(Day(day.description) == day)
            // The next day, by the calendar alone.
            if let next = Day(year: day.year, month: day.month, day: day.day + 1) {
                day = next
            } else if let next = Day(year: day.year, month: day.month + 1, day: 1) {
                day = next
            } else {
                day = Day(year: day.year + 1, month: 1, day: 1)!
            }
        }
    }
}
