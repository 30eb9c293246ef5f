public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Splits a JSON text sequence (`application/json-seq`, RFC 7464) into
    /// its texts as they arrive: each record starts with RS (0x1E) and runs
    /// to the next RS or the end of the stream; whitespace around a text is
    /// dropped, and empty records (RS after RS) are skipped. A number,
    /// `true`, `false` or `null` not followed by whitespace may have been
    /// cut short, and is dropped, as section 2.4 advises. Only the record
    /// being read is held; one longer than ``maximumRecordSize`` is an error.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct JSONSequenceParser: Sendable {
        /// The longest record, in bytes, before parsing fails.
        public var maximumRecordSize: Int
        private var record: [UInt8] = []
        private var started = false

        /// A parser at the start of a stream.
        public init(maximumRecordSize: Int = 16 << 20) {
            self.maximumRecordSize = maximumRecordSize
        }

        /// The texts that `chunk` completes, in order, without RS or the
        /// whitespace around them.
        public mutating func parse(_ chunk: Data) throws -> [Data] {
            var texts: [Data] = []
            for byte in chunk {
                if byte == 0x1E {
                    if let text = takeRecord() { texts.append(text) }
                    started = true
                } else if started {
                    record.append(byte)
                    if record.count > maximumRecordSize {
                        throw DecodingError.dataCorrupted(
                            .init(
                                codingPath: [], debugDescription: "a record is longer than \(maximumRecordSize) bytes"))
                    }
                }
            }
            return texts
        }

        /// The end of the stream: the last record.
        public mutating func finish() -> [Data] {
            defer { started = false }
            return takeRecord().map { [$0] } ?? []
        }

        private mutating func takeRecord() -> Data? {
            defer { record.removeAll(keepingCapacity: record.capacity <= 64 << 10) }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            guard let first = record.firstIndex(where: { !isSpace($0) }),
                let last = record.lastIndex(where: { !isSpace($0) })
            else { return nil }
            let text = record[first...last]
            let selfDelimiting = [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\"")].contains(text.first!)
            if !selfDelimiting && last == record.count - 1 { return nil }
            return Data(text)
        }
    }
}
