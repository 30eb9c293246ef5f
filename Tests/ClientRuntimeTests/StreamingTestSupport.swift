import Foundation
@testable import ClientRuntime
import Testing

/// A body fed by hand, and what became of it: whether the reader stopped
/// the transfer before the end.
final class FedBody: @unchecked Sendable {
    let body: APIClient.ByteChunks
    let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let lock = NSLock()
    private var ending: AsyncThrowingStream<Data, any Error>.Continuation.Termination?

    /// A body that holds `chunks`, then ends as `end` says: `.finish`,
    /// `.fail` (a connection lost mid-stream) or `.open` (more to come).
    init(_ chunks: [String], end: End = .finish) {
        (body, continuation) = APIClient.ByteChunks.makeStream()
        continuation.onTermination = { [weak self] termination in
            self?.lock.withLock { self?.ending = termination }
        }
        for chunk in chunks { continuation.yield(Data(chunk.utf8)) }
        switch end {
        case .finish: continuation.finish()
        case .fail(let error): continuation.finish(throwing: error)
        case .open: break
        }
    }

    enum End {
        case finish
        case fail(any Error & Sendable)
        case open
    }

    /// Whether the reader stopped the transfer (by cancelling its task or the body).
    var wasStopped: Bool {
        lock.withLock {
            switch ending {
            case .cancelled: true
            case .finished(let error?): error is CancellationError
            default: false
            }
        }
    }

    /// Returns once the reader stopped the transfer.
    func waitUntilStopped() async {
        while !wasStopped { try? await Task.sleep(for: .milliseconds(1)) }
    }
}

/// A streaming stub that answers each request with the next of `answers`
/// (the last one again past the end).
func streamingStub(_ answers: [@Sendable () throws -> APIClient.StreamingResponse]) -> APIClient.StreamingStubTransport {
    let queue = AnswerQueue(answers)
    return APIClient.StreamingStubTransport { _, _ in try await queue.next()() }
}

/// An answer of status `status` whose body is `body`.
func answer(
    status: Int = 200, headers: [String: String] = ["Content-Type": "text/event-stream"], _ body: FedBody
)
    -> @Sendable () throws -> APIClient.StreamingResponse
{
    { APIClient.StreamingResponse(statusCode: status, headers: headers, body: body.body) }
}

actor AnswerQueue {
    private var answers: [@Sendable () throws -> APIClient.StreamingResponse]

    init(_ answers: [@Sendable () throws -> APIClient.StreamingResponse]) {
        self.answers = answers
    }

    func next() -> @Sendable () throws -> APIClient.StreamingResponse {
        answers.count > 1 ? answers.removeFirst() : answers[0]
    }
}

/// Every element of `sequence`, or the error that ended it.
func drain<Element>(_ sequence: APIClient.EventStream<Element>) async -> (elements: [Element], error: APIClientError?) {
    var elements: [Element] = []
    var iterator = sequence.makeAsyncIterator()
    do {
        while let element = try await iterator.next() { elements.append(element) }
        return (elements, nil)
    } catch {
        return (elements, error)
    }
}

/// A chat-completion chunk, as OpenAI streams them.
struct Chunk: Codable, Hashable, Sendable {
    var text: String
}
