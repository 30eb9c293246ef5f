public import Foundation

/// Fetching what a response links to (a generated image: its link expires).
///
/// Downloads go through the client's transport and retry policy like any
/// GET, but carry neither the API key nor the configuration's additional
/// headers: the files usually live on another host.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Downloads the bytes at `url`.
    @concurrent public func download(_ url: URL) async throws(APIClientError) -> Data {
        try await fetch(url).body
    }

    /// Downloads each URL in turn; the result is in the same order.
    @concurrent public func download(_ urls: [URL]) async throws(APIClientError) -> [Data] {
        var result: [Data] = []
        for url in urls { result.append(try await download(url)) }
        return result
    }

    /// Downloads each URL into `folder` (see ``save(_:into:named:)``) and
    /// returns the files' URLs in the same order.
    @concurrent public func download(_ urls: [URL], into folder: URL) async throws(APIClientError) -> [URL] {
        try await save(urls, into: folder).compactMap { $0 }
    }

    /// Saves the files that `urls` link to into `folder`, and returns where
    /// each one went, in the same order: `nil` where there was no link (an
    /// image that failed a safety check has none), so the caller can say
    /// which were skipped.
    ///
    /// ```swift
    /// let saved = try await client.save(result.data.map(\.url), into: folder)
    /// ```
    ///
    /// A file is named after its link's last path component (or
    /// `name-1`, `name-2`, … when that is not a plain name), with the
    /// extension of the response's `Content-Type` (`.png`, `.jpg`, `.webp`…),
    /// or of the bytes themselves when the server sends no usable type. A
    /// name already in the folder, or taken earlier in the same call, gets a
    /// number (`abc-2.png`): nothing is overwritten.
    @concurrent public func save(_ urls: [URL?], into folder: URL, named name: String = "image")
        async throws(APIClientError) -> [URL?]
    {
        var saved: [URL?] = []
        var taken = Set<String>()
        for (index, link) in urls.enumerated() {
            guard let link else {
                saved.append(nil)
                continue
            }
            let response = try await fetch(link)
            let stem = Self.fileStem(of: link) ?? "\(name)-\(index + 1)"
            let fileExtension =
                MediaTypes.fileExtension(forContentType: response.value(forHeader: "Content-Type"))
                ?? MediaTypes.sniff(response.body).flatMap { MediaTypes.fileExtension(forContentType: $0) }
                ?? (link.pathExtension.isEmpty ? "bin" : link.pathExtension.lowercased())
            var candidate = stem + "." + fileExtension
            var number = 2
            while taken.contains(candidate.lowercased())
                || FileManager.default.fileExists(atPath: folder.appendingPathComponent(candidate).path)
            {
                candidate = "\(stem)-\(number).\(fileExtension)"
                number += 1
            }
            taken.insert(candidate.lowercased())
            let file = folder.appendingPathComponent(candidate)
            do {
                try response.body.write(to: file, options: .atomic)
            } catch {
                throw .invalidRequest(reason: "cannot write \(file.path): \(error.localizedDescription)")
            }
            saved.append(file)
        }
        return saved
    }

    /// A link's last path component without its extension, when it is a
    /// plain file name (letters, digits, `-`, `_`, at most 100 of them).
    static func fileStem(of url: URL) -> String? {
        let stem = url.deletingPathExtension().lastPathComponent
        guard !stem.isEmpty, stem.count <= 100,
            stem.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
            })
        else { return nil }
        return stem
    }

    /// One GET with the client's retries and no credentials; a non-2xx answer is an error.
    func fetch(_ url: URL) async throws(APIClientError) -> HTTPResponse {
        let request = HTTPRequest(
            method: "GET", url: url, headers: [HTTPHeader(name: "Accept", value: "*/*")], body: nil,
            timeout: configuration.timeout)
        let exchange = try await sendWithRetries(request, operationID: "download")
        guard (200..<300).contains(exchange.statusCode) else {
            throw unexpectedStatus(exchange, documentedBody: nil)
        }
        return exchange.response
    }
}
