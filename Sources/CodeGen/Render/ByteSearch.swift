#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Search and replace on UTF-8 bytes. The renderer searches and substitutes
/// in every file it makes; the standard library's generic `contains` and
/// `replacing` walk characters and cost more than rendering the types did.
/// The match is on bytes, not characters (`Date` is found in `Datè`), which
/// is what the renderer's questions need.
enum ByteSearch {
    /// Whether `needle` occurs in `text`.
    static func contains(_ needle: String, in text: String) -> Bool {
        withBytes(text) { haystack in
            withBytes(needle) { needle in firstMatch(of: needle, in: haystack, from: 0) != nil }
        }
    }

    /// `text` with every occurrence of `needle` replaced by `replacement`,
    /// left to right, without overlaps.
    static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        withBytes(text) { haystack in
            withBytes(needle) { needle in
                guard !needle.isEmpty, var match = firstMatch(of: needle, in: haystack, from: 0) else { return text }
                var result: [UInt8] = []
                result.reserveCapacity(haystack.count)
                var start = 0
                while true {
                    result.append(contentsOf: haystack[start..<match])
                    result.append(contentsOf: replacement.utf8)
                    start = match + needle.count
                    guard let next = firstMatch(of: needle, in: haystack, from: start) else { break }
                    match = next
                }
                result.append(contentsOf: haystack[start...])
                return String(decoding: result, as: UTF8.self)
            }
        }
    }

    /// The offset of the first `needle` in `haystack` at or after `start`.
    private static func firstMatch(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                   from start: Int) -> Int? {
        guard let first = needle.first else { return start }
        guard haystack.count >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var index = start
        search: while index <= last {
            // The C library's `memchr` finds the next first byte many bytes at a time.
            guard let found = memchr(haystack.baseAddress! + index, Int32(first), last - index + 1) else { return nil }
            index = haystack.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                index += 1
                continue search
            }
            return index
        }
        return nil
    }

    private static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
