import Foundation

/// Reads and writes RFC 3339 / ISO 8601 date-times in every form the API
/// and its documentation use: `2000-01-23T04:56:07Z`,
/// `2000-01-23 04:56:07+00:00` (a space for the `T`),
/// `2024-11-01T10:06:14.744267+00:00` (microseconds) and
/// `2026-03-31T10:00:00.000Z` (milliseconds), and a zone-less form read as UTC.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum ISO8601Date {
    /// The date a text says, or nil when it is not one of the forms above.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ allowed: Set<UInt8>) -> Bool {
            guard index < bytes.count, allowed.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect([45]), let month = number(2), expect([45]), let day = number(2) else {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var nanoseconds = 0
        var offset = 0
        if index < bytes.count {
            guard expect([84, 116, 32]), let h = number(2), expect([58]), let m = number(2) else { return nil }
            hour = h
            minute = m
            if index < bytes.count && bytes[index] == 58 {
                index += 1
                guard let s = number(2) else { return nil }
                second = s
            }
            if index < bytes.count && (bytes[index] == 46 || bytes[index] == 44) {
                index += 1
                var digits = 0
                while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                    if digits < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - 48) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                if digits < 9 { for _ in digits..<9 { nanoseconds *= 10 } }
            }
            if index < bytes.count {
                if bytes[index] == 90 || bytes[index] == 122 {
                    index += 1
                } else {
                    guard bytes[index] == 43 || bytes[index] == 45 else { return nil }
                    let sign = bytes[index] == 45 ? -1 : 1
                    index += 1
                    // `+05`, `+0530` or `+05:30`; hours below 24, minutes below 60.
                    guard let oh = number(2), oh < 24 else { return nil }
                    var om = 0
                    if index < bytes.count {
                        let colon = bytes[index] == 58
                        if colon { index += 1 }
                        guard let minutes = number(2), minutes < 60 else { return nil }
                        om = minutes
                    }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
            guard index == bytes.count else { return nil }
        }
        guard (1...12).contains(month), hour < 24, minute < 60, second <= 60 else { return nil }
        // The days of the month: February has 29 in leap years of the Gregorian calendar.
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let daysInMonth = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...daysInMonth).contains(day) else { return nil }
        // Days from the civil date (proleptic Gregorian), without a calendar object.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    /// `2024-11-01T10:06:14.744Z`: UTC, with milliseconds when there are any.
    static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var milliseconds = Int(((interval - Double(seconds)) * 1000).rounded())
        if milliseconds == 1000 {
            seconds += 1
            milliseconds = 0
        }
        var days = seconds / 86_400
        var remainder = seconds % 86_400
        if remainder < 0 {
            remainder += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        var result = date + "T\(pad(remainder / 3600, 2)):\(pad(remainder % 3600 / 60, 2)):\(pad(remainder % 60, 2))"
        if milliseconds != 0 { result += "." + pad(milliseconds, 3) }
        return result + "Z"
    }
}

/// Dates as HTTP writes them (RFC 9110, section 5.6.7): the IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:47 GMT`), and the obsolete RFC 850 and asctime
/// forms, which a recipient must read too.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated enum HTTPDate {
    static func parse(_ text: String) -> Date? {
        let normalized = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: normalized) { return date }
        }
        return nil
    }
}
