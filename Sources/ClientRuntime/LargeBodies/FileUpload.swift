public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// A file on disk to upload, read in chunks as it is sent (never whole
    /// into memory): the body of a binary upload, or a file part of a
    /// multipart form.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct FileUpload: Sendable, Hashable {
        /// Where the file is.
        public var url: URL
        /// The name the server sees.
        public var filename: String
        /// The file's `Content-Type`.
        public var contentType: String

        /// A file on disk. Without a `contentType`, it is read from the
        /// file's first bytes (JPEG, PNG, WebP, GIF, HEIC, BMP, TIFF, PDF,
        /// ZIP), then from its extension, and is `application/octet-stream`
        /// only when neither tells; without a `filename`, the server sees the
        /// file's own name. Throws when the file cannot be opened.
        public init(contentsOf url: URL, filename: String? = nil, contentType: String? = nil) throws {
            self.url = url
            self.filename = filename ?? url.lastPathComponent
            if let contentType {
                self.contentType = contentType
            } else {
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                let head = try handle.read(upToCount: 16) ?? Data()
                self.contentType =
                    MediaTypes.sniff(head) ?? MediaTypes.contentType(forExtension: url.pathExtension)
                    ?? "application/octet-stream"
            }
        }
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension RequestBuilder {
    /// The file as the whole body, streamed from disk, in its own type
    /// unless `contentType` is given.
    mutating func setBody(_ file: APIClient.FileUpload, contentType: String? = nil) {
        bodySource = .file(file.url)
        body = nil
        setHeader("Content-Type", contentType ?? file.contentType)
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension MultipartFile {
    /// A file part read from disk as the request is sent, so that a file of
    /// any size uploads in flat memory: its ``data`` stays empty. Its type
    /// is read from its first bytes, then from its extension, unless given;
    /// the server sees `filename`, or the file's own name. Throws when the
    /// file cannot be opened.
    public init(streamingContentsOf url: URL, filename: String? = nil, contentType: String? = nil) throws {
        let upload = try APIClient.FileUpload(contentsOf: url, filename: filename, contentType: contentType)
        self.init(data: Data(), filename: upload.filename, contentType: upload.contentType)
        fileURL = url
    }
}
