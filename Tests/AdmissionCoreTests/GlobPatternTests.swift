import Testing

@testable import AdmissionCore

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("team-*", "team-a", true), ("team-*", "team-", true), ("team-*", "team", false), ("team-*", "xteam-a", false),
        ("*", "", true), ("*", "anything", true), ("?", "a", true), ("?", "", false), ("?", "ab", false),
        ("a?c", "abc", true), ("a?c", "ac", false), ("*-proxy", "istio-proxy", true), ("*-proxy", "proxy", false),
        ("a*b*c", "aXbYc", true), ("a*b*c", "abcbc", true), ("a*b*c", "acb", false), ("*a*", "banana", true),
        ("kube-system", "kube-system", true), ("kube-system", "kube-systems", false), ("**x", "x", true),
        ("prod-??-*", "prod-eu-1", true), ("prod-??-*", "prod-e-1", false),
    ])
    func matchesWholeName(pattern: String, name: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(name) == expected, "\(pattern) vs \(name)")
    }

    @Test func wildcardDetection() {
        #expect(GlobPattern("a*").isWildcard)
        #expect(GlobPattern("a?").isWildcard)
        #expect(!GlobPattern("plain").isWildcard)
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: ["2027-03-31", "2024-02-29", "0001-01-01"])
    func parsesValidDates(text: String) {
        #expect(CalendarDate(text)?.description == text)
    }

    @Test(arguments: ["2027-3-31", "2027-02-29", "2027-13-01", "2027-04-31", "27-03-31", "2027/03/31", "", "2027-03-31x", "２０２７-03-31"])
    func rejectsInvalidDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func fromUnixTime() {
        #expect(CalendarDate(secondsSince1970: 0).description == "1970-01-01")
        #expect(CalendarDate(secondsSince1970: 1_709_164_800).description == "2024-02-29")
        #expect(CalendarDate(secondsSince1970: 1_709_251_199).description == "2024-02-29")
        #expect(CalendarDate(secondsSince1970: -1).description == "1969-12-31")
    }

    @Test func ordering() {
        #expect(CalendarDate(year: 2027, month: 3, day: 31) < CalendarDate(year: 2027, month: 4, day: 1))
        #expect(!(CalendarDate(year: 2027, month: 3, day: 31) < CalendarDate(year: 2027, month: 3, day: 31)))
    }
}
