import Foundation
import IdeogramClient

/// A transport that records each request and answers with a canned response.
final class CapturingTransport: Ideogram.HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [Ideogram.HTTPRequest] = []
    private let respond: @Sendable (Ideogram.HTTPRequest) -> Ideogram.HTTPResponse

    init(status: Int = 200, json: String = "{}", headers: [String: String] = ["Content-Type": "application/json"]) {
        respond = { _ in Ideogram.HTTPResponse(statusCode: status, headers: headers, body: Data(json.utf8)) }
    }

    init(_ respond: @escaping @Sendable (Ideogram.HTTPRequest) -> Ideogram.HTTPResponse) {
        self.respond = respond
    }

    var requests: [Ideogram.HTTPRequest] {
        lock.withLock { captured }
    }

    var last: Ideogram.HTTPRequest? { requests.last }

    func send(_ request: Ideogram.HTTPRequest) async throws -> Ideogram.HTTPResponse {
        record(request)
        return respond(request)
    }

    private func record(_ request: Ideogram.HTTPRequest) {
        lock.withLock { captured.append(request) }
    }
}

/// Builds the multipart/form-data bytes a request should carry, written out
/// independently of the client's encoder.
struct ExpectedMultipart {
    var boundary: String
    private var text = ""
    private var data = Data()

    init(boundary: String) {
        self.boundary = boundary
    }

    mutating func text(_ name: String, _ value: String, contentType: String? = nil) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n".utf8))
        if let contentType { data.append(Data("Content-Type: \(contentType)\r\n".utf8)) }
        data.append(Data("\r\n\(value)\r\n".utf8))
    }

    mutating func file(_ name: String, filename: String, contentType: String, bytes: Data) {
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8))
        data.append(bytes)
        data.append(Data("\r\n".utf8))
    }

    var bytes: Data {
        data + Data("--\(boundary)--\r\n".utf8)
    }
}

enum Fixtures {
    static let apiKey = "sk-test-SECRET-0123456789"
    static let boundary = "test-boundary"
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01, 0xFF])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])
    static let image = MultipartFile(data: png, filename: "cat.png", contentType: "image/png")
    static let mask = MultipartFile(data: jpeg, filename: "mask.jpg", contentType: "image/jpeg")

    /// A client over `transport`; retries are off unless a policy is given.
    static func client(_ transport: some Ideogram.HTTPTransport, baseURL: String = "https://api.ideogram.ai",
                       retryPolicy: Ideogram.RetryPolicy = .never) -> Ideogram {
        Ideogram(
            configuration: .init(baseURL: URL(string: baseURL)!, apiKey: apiKey, retryPolicy: retryPolicy,
                                 makeBoundary: { boundary }),
            transport: transport)
    }

    static let imagesV3 = """
        {"created": "2024-11-01T10:06:14.744267+00:00", "data": [{"url": "https://ideogram.ai/api/images/ephemeral/abc.png",
         "prompt": "a cat", "resolution": "1024x1024", "is_image_safe": true, "seed": 12345, "style_type": "GENERAL"}]}
        """

    static let imagesLegacy = """
        {"created": "2000-01-23 04:56:07+00:00", "data": [{"url": null, "prompt": "a cat", "resolution": "1024x1024",
         "is_image_safe": false, "seed": 7}]}
        """
}
