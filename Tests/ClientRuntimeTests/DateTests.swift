import Foundation
@testable import ClientRuntime
import Testing

/// `ISO8601Date`: every RFC 3339 form the API writes, what is refused, and
/// the one form the client writes (UTC, milliseconds only when there are any).
struct DateParsingTests {
    static let jan23 = 948_603_367.0  // 2000-01-23T04:56:07Z

    @Test(arguments: [
        ("2000-01-23T04:56:07Z", jan23),
        ("2000-01-23t04:56:07z", jan23),
        ("2000-01-23 04:56:07+00:00", jan23),
        ("2000-01-23T04:56:07", jan23),
        ("2000-01-23T04:56:07-00:00", jan23),
        ("2000-01-23T06:56:07+02:00", jan23),
        ("2000-01-23T06:56:07+0200", jan23),
        ("2000-01-23T06:56:07+02", jan23),
        ("2000-01-22T20:56:07-08:00", jan23),
        ("2000-01-23T10:26:07+05:30", jan23),
        ("2000-01-23T04:56Z", jan23 - 7),
        ("2000-01-23T04:56", jan23 - 7),
        ("2000-01-23", 948_585_600),
        ("2000-01-23T04:56:07.5Z", jan23 + 0.5),
        ("2000-01-23T04:56:07,25Z", jan23 + 0.25),
        ("2026-03-31T10:00:15.000Z", 1_774_951_215),
        ("2024-11-01T10:06:14.744267+00:00", 1_730_455_574.744267),
        ("2024-11-01T10:06:14.744267123Z", 1_730_455_574.744267123),
        // Digits past the ninth (nanoseconds) are read and dropped.
        ("2024-11-01T10:06:14.74426712399999Z", 1_730_455_574.744267123),
        ("2000-01-23T04:56:07.123-01:00", jan23 + 3_600.123),
    ])
    func everyFormReadsAsItsInstant(text: String, seconds: Double) throws {
        let date = try #require(ISO8601Date.parse(text), "\(text)")
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001, "\(text): \(date.timeIntervalSince1970)")
    }

    @Test(arguments: [
        ("0001-01-01T00:00:00Z", -62_135_596_800.0),
        ("1900-03-01T00:00:00Z", -2_203_891_200),
        ("1969-12-31T23:59:59Z", -1),
        ("1970-01-01T00:00:00Z", 0),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
        // A leap second is the first second of the next minute.
        ("2016-12-31T23:59:60Z", 1_483_228_800),
    ])
    func calendarEdgesReadAsTheirInstant(text: String, seconds: Double) throws {
        #expect(try #require(ISO8601Date.parse(text)).timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "", "2000", "2000-01", "2000-1-23", "20000123", "2000/01/23", "2000-01-23T", "2000-01-23T04", "2000-01-23T04:5",
        "2000-01-23T04:56:7Z", "2000-01-23T04:56:07.Z", "2000-01-23T04:56:07.", "2000-01-23T04:56:07+",
        "2000-01-23T04:56:07+1", "2000-01-23T04:56:07+01:3", "2000-01-23T04:56:07Zjunk", "2000-01-23T04:56:07 Z",
        "2000-01-23T04:56:07ZZ", "2000-01-23X04:56:07Z", " 2000-01-23", "2000-01-23 ", "2000-01-23T04:56:07Z ",
        "+2000-01-23", "-2000-01-23", "２０００-01-23", "yesterday",
        "2000-13-01", "2000-00-10", "2000-01-00", "2000-01-32", "2000-01-23T24:00:00Z", "2000-01-23T04:60:00Z",
        "2000-01-23T04:56:61Z",
    ])
    func otherTextIsNoDate(text: String) {
        #expect(ISO8601Date.parse(text) == nil, "\(text)")
    }

    /// The parser checks each field's range, not the calendar: the 30th of
    /// February is read as the 2nd of March, and an offset of `+99:99`, or
    /// one cut off after its colon, is taken. RFC 3339 allows none of them.
    @Test(arguments: ["2023-02-30T00:00:00Z", "2023-04-31", "2023-02-29", "2000-01-23T04:56:07+99:99",
                      "2000-01-23T04:56:07+05:", "2000-01-23T04:56:07+24:00"])
    func impossibleDatesAndOffsetsAreRefused(text: String) {
        #expect(ISO8601Date.parse(text) == nil, "\(text) read as \(String(describing: ISO8601Date.parse(text)))")
    }

    /// Differential: dates Foundation's own ISO 8601 formatter writes are read
    /// as the same instants (whole seconds, 1600 to 9999, a fixed sequence).
    @Test func foundationsISO8601TextReadsBack() throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var state: UInt64 = 42
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // From 1600-01-01 to 9999-12-31.
            let seconds = -11_676_096_000 + Int64(state >> 24) % 265_078_396_800
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let text = formatter.string(from: date)
            #expect(ISO8601Date.parse(text) == date, "\(text)")
            #expect(ISO8601Date.format(date) == text, "\(seconds)")
        }
    }
}

struct DateFormattingTests {
    @Test(arguments: [
        (948_603_367.0, "2000-01-23T04:56:07Z"),
        (0, "1970-01-01T00:00:00Z"),
        (1_730_455_574.744, "2024-11-01T10:06:14.744Z"),
        (1_730_455_574.5, "2024-11-01T10:06:14.500Z"),
        (1_730_455_574.001, "2024-11-01T10:06:14.001Z"),
        // Microseconds are rounded to milliseconds, and may carry into the next second.
        (1_730_455_574.744267, "2024-11-01T10:06:14.744Z"),
        (1_730_455_574.0004, "2024-11-01T10:06:14Z"),
        (1_730_455_574.9996, "2024-11-01T10:06:15Z"),
        // Before 1970.
        (-1, "1969-12-31T23:59:59Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (-0.0001, "1970-01-01T00:00:00Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
        (-2_203_891_200, "1900-03-01T00:00:00Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func datesAreWrittenInUTCWithMillisecondsWhenThereAreAny(seconds: Double, text: String) {
        #expect(ISO8601Date.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func writtenDatesReadBackToTheMillisecond() throws {
        for seconds in [0.0, 1.5, -1.25, 1_730_455_574.744, 1_730_455_574.744267, 4_102_444_800.999, -62_135_596_800] {
            let date = Date(timeIntervalSince1970: seconds)
            let read = try #require(ISO8601Date.parse(ISO8601Date.format(date)))
            #expect(abs(read.timeIntervalSince(date)) <= 0.0005, "\(seconds)")
        }
    }

    @Test func aDateIsSentAsItsTextAndCodedAsItInJSON() throws {
        let date = Date(timeIntervalSince1970: 1_730_455_574.744)
        #expect(date.textValue == "2024-11-01T10:06:14.744Z")
        #expect(try JSONCoding.encoder.encode(["at": date]).text == #"{"at":"2024-11-01T10:06:14.744Z"}"#)
        let decoded = try JSONCoding.decoder.decode([String: Date].self, from: Data(#"{"at": "2024-11-01T11:06:14.744+01:00"}"#.utf8))
        #expect(abs(try #require(decoded["at"]).timeIntervalSince(date)) < 0.000_001)
    }

    @Test func aBodyWithABadDateIsADecodingErrorThatQuotesIt() {
        do {
            _ = try JSONCoding.decoder.decode([String: Date].self, from: Data(#"{"created": "yesterday"}"#.utf8))
            Issue.record("a bad date decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "'yesterday' is not a date and time")
            #expect(APIClient.explain(DecodingError.dataCorrupted(context)) == "created: 'yesterday' is not a date and time")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
