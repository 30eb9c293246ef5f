extension RuntimeSources {
    static let sending = #"""
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension __CLIENT__ {
    /// Authenticates and sends a request, turning every failure into a typed error.
    func send(_ builder: RequestBuilder, operationID: String) async throws(__CLIENT__Error) -> HTTPResponse {
        var builder = builder
        authenticate(&builder)
        let request = try builder.makeRequest(configuration: configuration)
        if Task.isCancelled { throw .cancelled }
        do {
            return try await transport.send(request)
        } catch let error as __CLIENT__Error {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch let error as URLError {
            if error.code == .cancelled || Task.isCancelled { throw .cancelled }
            throw .transport(.init(operationID: operationID, message: error.localizedDescription, urlErrorCode: error.code.rawValue))
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw .transport(.init(operationID: operationID, message: String(describing: error), urlErrorCode: nil))
        }
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
