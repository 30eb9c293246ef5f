extension RuntimeSources {
    static let sending = #"""
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension __CLIENT__ {
    /// Authenticates and sends a request, retrying as the configuration's
    /// ``RetryPolicy`` allows, and turns every failure into a typed error.
    func send(_ builder: RequestBuilder, operationID: String) async throws(__CLIENT__Error) -> HTTPResponse {
        var builder = builder
        authenticate(&builder)
        let request = try builder.makeRequest(configuration: configuration)
        try checkTransportSecurity(request.url)
        let policy = configuration.retryPolicy
        let repeatable = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(request.method)
            || policy.retriesServerErrorsOnUnsafeMethods
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled }
            let delay: Duration
            do {
                let response = try await transport.send(request)
                guard attempt < policy.maximumAttempts else { return response }
                if response.statusCode == 429 {
                    delay = policy.delay(retryAfter: response.value(forHeader: "Retry-After")) ?? policy.backoff(after: attempt)
                } else if (500...599).contains(response.statusCode) && response.statusCode != 501 && repeatable {
                    delay = policy.delay(retryAfter: response.value(forHeader: "Retry-After")) ?? policy.backoff(after: attempt)
                } else {
                    return response
                }
            } catch {
                let failure = Self.classify(error, operationID: operationID)
                guard case .transport(let transportFailure) = failure, attempt < policy.maximumAttempts,
                      Self.failedBeforeSending(transportFailure) || repeatable else { throw failure }
                delay = policy.backoff(after: attempt)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancelled
            }
            attempt += 1
        }
    }

    /// The API key never travels in clear text to another machine unless the
    /// configuration says so.
    func checkTransportSecurity(_ url: URL) throws(__CLIENT__Error) {
        guard configuration.apiKey != nil, url.scheme?.lowercased() == "http", !configuration.allowsInsecureHTTP else { return }
        let host = (url.host ?? "").lowercased()
        let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
        guard loopback else {
            throw .invalidRequest(reason: "baseURL uses plain http:// to \(host), which would send the API key unencrypted; use https:// or set allowsInsecureHTTP")
        }
    }

    /// A transport error as the typed error a caller sees.
    static func classify(_ error: any Error, operationID: String) -> __CLIENT__Error {
        switch error {
        case let error as __CLIENT__Error:
            return error
        case is CancellationError:
            return .cancelled
        case let error as URLError:
            if error.code == .cancelled || Task.isCancelled { return .cancelled }
            return .transport(.init(operationID: operationID, message: error.localizedDescription, urlErrorCode: error.code.rawValue))
        default:
            if Task.isCancelled { return .cancelled }
            return .transport(.init(operationID: operationID, message: String(describing: error), urlErrorCode: nil))
        }
    }

    /// Failures that happen before any byte of the request reached a server:
    /// safe to retry whatever the method.
    static func failedBeforeSending(_ failure: __CLIENT__Error.TransportFailure) -> Bool {
        guard let code = failure.urlErrorCode else { return false }
        let before: [URLError.Code] = [
            .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet,
            .internationalRoamingOff, .dataNotAllowed, .secureConnectionFailed,
        ]
        return before.map(\.rawValue).contains(code)
    }

    /// Downloads the bytes at `url` (a generated image, say: its link expires)
    /// through the client's transport. The API key is not sent: the file is
    /// usually on another host.
    public func download(_ url: URL) async throws(__CLIENT__Error) -> Data {
        let request = HTTPRequest(method: "GET", url: url, headers: [], body: nil, timeout: configuration.timeout)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw Self.classify(error, operationID: "download")
        }
        guard (200..<300).contains(response.statusCode) else {
            throw .unexpectedStatus(.init(operationID: "download", statusCode: response.statusCode, headers: response.headers,
                                          body: response.body, documentedBody: nil))
        }
        return response.body
    }

    /// Downloads each URL in turn; the result is in the same order.
    public func download(_ urls: [URL]) async throws(__CLIENT__Error) -> [Data] {
        var result: [Data] = []
        for url in urls { result.append(try await download(url)) }
        return result
    }

    /// Downloads each URL into `folder`, named after the URL's last path
    /// component, and returns the files' URLs in the same order.
    public func download(_ urls: [URL], into folder: URL) async throws(__CLIENT__Error) -> [URL] {
        var files: [URL] = []
        for (index, url) in urls.enumerated() {
            let data = try await download(url)
            let name = url.lastPathComponent.isEmpty || url.lastPathComponent == "/" ? "image-\(index + 1)" : url.lastPathComponent
            let file = folder.appendingPathComponent(name)
            do {
                try data.write(to: file, options: .atomic)
            } catch {
                throw .invalidRequest(reason: "cannot write \(file.path): \(error.localizedDescription)")
            }
            files.append(file)
        }
        return files
    }

    /// Decodes a success body, or says precisely why it could not.
    func decode<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse, operationID: String) throws(__CLIENT__Error) -> Value {
        do {
            return try JSONCoding.decoder.decode(Value.self, from: response.body)
        } catch {
            throw .decoding(.init(operationID: operationID, statusCode: response.statusCode, message: Self.explain(error), body: response.body))
        }
    }

    /// Decodes a documented error body; nil when the body does not match.
    func decodeDocumented<Value: Decodable>(_ type: Value.Type, from response: HTTPResponse) -> Value? {
        try? JSONCoding.decoder.decode(Value.self, from: response.body)
    }

    func unexpectedStatus(_ response: HTTPResponse, operationID: String, documentedBody: DocumentedErrorBody?) -> __CLIENT__Error {
        .unexpectedStatus(.init(
            operationID: operationID, statusCode: response.statusCode, headers: response.headers,
            body: response.body, documentedBody: documentedBody))
    }

    /// A decoding error in a sentence that names the field.
    static func explain(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}
"""#
}
