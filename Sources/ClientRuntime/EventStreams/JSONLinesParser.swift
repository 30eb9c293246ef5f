public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Splits a JSON Lines (`application/jsonl`, `application/x-ndjson`)
    /// stream into its values' texts as they arrive: each line is one value;
    /// lines end at LF (a CR before it is dropped); blank lines are skipped;
    /// the last line needs no line end. Only the line being read is held; a
    /// line longer than ``maximumLineSize`` is an error.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct JSONLinesParser: Sendable {
        /// The longest line, in bytes, before parsing fails.
        public var maximumLineSize: Int
        private var line: [UInt8] = []

        /// A parser at the start of a stream.
        public init(maximumLineSize: Int = 16 << 20) {
            self.maximumLineSize = maximumLineSize
        }

        /// The lines that `chunk` completes, in order, without their line ends.
        public mutating func parse(_ chunk: Data) throws -> [Data] {
            var lines: [Data] = []
            for byte in chunk {
                if byte == 0x0A {
                    if let complete = takeLine() { lines.append(complete) }
                } else {
                    line.append(byte)
                    if line.count > maximumLineSize {
                        throw DecodingError.dataCorrupted(
                            .init(codingPath: [], debugDescription: "a line is longer than \(maximumLineSize) bytes"))
                    }
                }
            }
            return lines
        }

        /// The end of the stream: the last line, when it had no line end.
        public mutating func finish() -> [Data] {
            takeLine().map { [$0] } ?? []
        }

        private mutating func takeLine() -> Data? {
            defer { line.removeAll(keepingCapacity: line.capacity <= 64 << 10) }
            if line.last == 0x0D { line.removeLast() }
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            return blank ? nil : Data(line)
        }
    }
}
