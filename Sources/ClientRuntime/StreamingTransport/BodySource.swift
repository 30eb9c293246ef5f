public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// A request body read from disk as it is sent, so that a file of any
    /// size is never held in memory: bytes and files, in order (a multipart
    /// body is its parts' headers in memory and each file part on disk).
    ///
    /// A retry reads the files again from the start. Printed, it shows its
    /// pieces and their sizes, never their bytes.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct BodySource: Sendable, Hashable, CustomStringConvertible {
        /// A piece of the body.
        public enum Segment: Sendable, Hashable {
            /// Bytes in memory (a multipart part's headers, a small part).
            case bytes(Data)
            /// The whole file at this URL, read in chunks.
            case file(URL)
        }

        /// The pieces, sent one after the other.
        public var segments: [Segment]

        /// A body of these pieces.
        public init(segments: [Segment]) {
            self.segments = segments
        }

        /// The file at `url`, whole.
        public static func file(_ url: URL) -> BodySource {
            BodySource(segments: [.file(url)])
        }

        /// The size of the body in bytes, the files' sizes as they are now.
        public func length() throws -> Int64 {
            var total: Int64 = 0
            for segment in segments {
                switch segment {
                case .bytes(let data): total += Int64(data.count)
                case .file(let url): total += try Self.size(of: url)
                }
            }
            return total
        }

        /// The body in chunks of at most `chunkSize` bytes, read from disk as
        /// the reader asks for them.
        public func chunks(size chunkSize: Int = 256 * 1024) -> AsyncThrowingStream<Data, any Error> {
            let reader = SegmentReader(segments: segments, chunkSize: chunkSize)
            return AsyncThrowingStream { try await reader.next() }
        }

        /// Writes the body into `file`, chunk by chunk: for a transport that
        /// uploads one file (``URLSessionTransport`` with several pieces).
        public func write(to file: URL) throws {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
            let output = try FileHandle(forWritingTo: file)
            defer { try? output.close() }
            for segment in segments {
                switch segment {
                case .bytes(let data):
                    try output.write(contentsOf: data)
                case .file(let url):
                    let input = try FileHandle(forReadingFrom: url)
                    defer { try? input.close() }
                    while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                        try output.write(contentsOf: chunk)
                    }
                }
            }
        }

        /// The file at `url` when the body is that one file alone, as it is.
        var singleFile: URL? {
            if segments.count == 1, case .file(let url) = segments[0] { return url }
            return nil
        }

        /// `BodySource(3 pieces, 1048576 bytes)`; the files' paths are not shown.
        public var description: String {
            "BodySource(\(segments.count) piece\(segments.count == 1 ? "" : "s"), "
                + "\((try? length()).map { "\($0) bytes" } ?? "size unknown"))"
        }

        static func size(of url: URL) throws -> Int64 {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        }
    }
}

/// Reads a ``APIClient/BodySource``'s pieces in chunks, one file open at a time.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
actor SegmentReader {
    private var pending: ArraySlice<APIClient.BodySource.Segment>
    private var handle: FileHandle?
    private let chunkSize: Int

    init(segments: [APIClient.BodySource.Segment], chunkSize: Int) {
        self.pending = segments[...]
        self.chunkSize = max(1, chunkSize)
    }

    /// The next chunk; nil after the last piece.
    func next() throws -> Data? {
        while true {
            if let open = handle {
                let chunk = try open.read(upToCount: chunkSize) ?? Data()
                if !chunk.isEmpty { return chunk }
                try open.close()
                handle = nil
            }
            guard let segment = pending.popFirst() else { return nil }
            switch segment {
            case .bytes(let data):
                if !data.isEmpty { return data }
            case .file(let url):
                handle = try FileHandle(forReadingFrom: url)
            }
        }
    }
}
