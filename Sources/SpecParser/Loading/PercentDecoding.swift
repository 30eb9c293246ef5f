#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// The text with each `%XX` escape (RFC 3986, §2.1) turned back into its
    /// byte, or nil when an escape is malformed or the bytes are not UTF-8:
    /// what Foundation's `removingPercentEncoding` does, without Foundation.
    /// `$ref` fragments use it: `#/paths/~1images%7Bid%7D`.
    public var percentDecoded: String? {
        var text = self
        let hasEscape = text.withUTF8 { bytes in
            // `memchr` looks at many bytes at a time.
            bytes.count > 0 && memchr(bytes.baseAddress!, Int32(UInt8(ascii: "%")), bytes.count) != nil
        }
        guard hasEscape else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
