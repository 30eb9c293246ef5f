#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacement on UTF-8 bytes. The renderer substitutes placeholders in
/// every runtime file it makes; the standard library's generic `replacing`
/// walks characters and costs more than rendering the types did. The match
/// is on bytes, not characters, which is what placeholders need.
enum ByteSearch {
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
    private static func firstMatch(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
        from start: Int
    ) -> Int? {
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
