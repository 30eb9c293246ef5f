import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The streaming path of `URLSessionTransport`, the same code on Apple
// platforms and Linux. `URLSession.bytes(for:)` (macOS 12, iOS 15) is not in
// FoundationNetworking, so each call runs a session of its own whose
// delegate (`URLSessionDataDelegate`: `didReceive response` with a
// completion handler, `didReceive data`, `didCompleteWithError`; macOS 10.9,
// iOS 7, tvOS 9, watchOS 2, and FoundationNetworking) hands the body over
// in chunks. A body from disk goes up with `uploadTask(with:fromFile:)`
// (macOS 10.9, iOS 7; FoundationNetworking reads the file in chunks too);
// a body of several pieces (a multipart form with a file part) is first
// written to one temporary file, chunk by chunk, since neither
// `Stream.getBoundStreams` nor an `InputStream` subclass works on both.
// On Apple platforms, flow control suspends the task
// (`URLSessionTask.suspend()`) while more than `StreamingDelegate.highWater`
// bytes wait unread, and resumes it below `lowWater`, so memory stays flat
// however fast the server sends; FoundationNetworking traps on suspending a
// running task, so on Linux the reader must keep up (an event stream's
// does; a large body goes to disk through `download(_:to:progress:)`,
// a download task, instead).

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient.URLSessionTransport {
    /// Sends the request and returns when the response's status and headers
    /// arrive; the body follows in chunks as the caller reads it.
    ///
    /// It runs in a session of its own, with the configuration of
    /// ``session`` (its timeouts, proxies, cookies and cache), but not that
    /// session's delegate. Cancelling the calling task before the response
    /// arrives, or the task that reads the body afterwards, cancels the
    /// transfer.
    public func stream(_ request: APIClient.HTTPRequest, body: APIClient.BodySource?) async throws
        -> APIClient.StreamingResponse
    {
        let urlRequest = Self.urlRequest(request)
        var temporaryFile: URL?
        var uploadFile = body?.singleFile
        if let body, uploadFile == nil {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("upload-" + UUID().uuidString.lowercased())
            try body.write(to: file)
            temporaryFile = file
            uploadFile = file
        }
        let delegate = StreamingDelegate(temporaryFile: temporaryFile)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let streamingSession = URLSession(
            configuration: session.configuration, delegate: delegate, delegateQueue: queue)
        let task: URLSessionTask =
            if let uploadFile {
                streamingSession.uploadTask(with: urlRequest, fromFile: uploadFile)
            } else {
                streamingSession.dataTask(with: urlRequest)
            }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.start(task, session: streamingSession, head: continuation)
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Receives one streaming transfer's callbacks: the response's head once,
/// then its chunks, which it hands to the reader with flow control.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Unread bytes past which the transfer is suspended.
    static let highWater = 4 << 20
    /// Unread bytes below which a suspended transfer resumes.
    static let lowWater = 1 << 20

    // Every stored property below is read and written under `lock` only.
    private let lock = NSLock()
    private var head: CheckedContinuation<APIClient.StreamingResponse, any Error>?
    private var task: URLSessionTask?
    private var session: URLSession?
    private var unread = 0
    private var suspended = false
    private let temporaryFile: URL?
    private let body: AsyncThrowingStream<Data, any Error>
    private let feed: AsyncThrowingStream<Data, any Error>.Continuation

    init(temporaryFile: URL?) {
        self.temporaryFile = temporaryFile
        (body, feed) = AsyncThrowingStream<Data, any Error>.makeStream()
        super.init()
    }

    /// Starts `task`; `head` is resumed when the response's head arrives.
    func start(
        _ task: URLSessionTask, session: URLSession,
        head: CheckedContinuation<APIClient.StreamingResponse, any Error>
    ) {
        lock.withLock {
            self.head = head
            self.task = task
            self.session = session
        }
        feed.onTermination = { termination in
            if case .cancelled = termination { task.cancel() }
        }
        task.resume()
    }

    /// The reader took `count` bytes: resume a suspended transfer once
    /// little is left unread.
    func consumed(_ count: Int) {
        let resume: URLSessionTask? = lock.withLock {
            unread -= count
            guard suspended, unread <= Self.lowWater else { return nil }
            suspended = false
            return task
        }
        resume?.resume()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let waiting = lock.withLock {
            defer { head = nil }
            return head
        }
        guard let http = response as? HTTPURLResponse else {
            waiting?.resume(throwing: URLError(.badServerResponse))
            completionHandler(.cancel)
            return
        }
        let chunks = APIClient.ByteChunks(
            body, consumed: { [weak self] in self?.consumed($0) }, cancel: { dataTask.cancel() })
        waiting?.resume(
            returning: APIClient.StreamingResponse(
                statusCode: http.statusCode, headers: APIClient.URLSessionTransport.headers(of: http), body: chunks))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        feed.yield(data)
        let suspend: URLSessionTask? = lock.withLock {
            unread += data.count
            guard Self.canSuspend, !suspended, unread > Self.highWater else { return nil }
            suspended = true
            return task
        }
        suspend?.suspend()
    }

    /// Whether a running task may be suspended: on Apple platforms; in
    /// FoundationNetworking, `suspend()` of a task under way traps
    /// (`_NativeProtocol.stopLoading`), so there the reader must keep up.
    static var canSuspend: Bool {
        #if canImport(FoundationNetworking)
        false
        #else
        true
        #endif
    }

    #if canImport(FoundationNetworking)
    /// Declines a challenge nothing has a credential for (``DeclinedChallenges``
    /// says why): the call then ends with the `401` that raised it.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        DeclinedChallenges.answer(challenge, of: task, completionHandler)
    }
    #endif

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let waiting = lock.withLock {
            defer {
                head = nil
                self.task = nil
                self.session = nil
            }
            return head
        }
        // A declined challenge ends the task as cancelled; its 401 is the
        // answer, with no body (FoundationNetworking keeps none).
        let declined = DeclinedChallenges.response(of: task)
        let error = declined == nil ? error : nil
        if let waiting {
            if let declined {
                waiting.resume(
                    returning: APIClient.StreamingResponse(
                        statusCode: declined.statusCode, headers: APIClient.URLSessionTransport.headers(of: declined),
                        body: APIClient.ByteChunks(Data())))
            } else {
                waiting.resume(throwing: error ?? URLError(.badServerResponse))
            }
        }
        feed.finish(throwing: error)
        session.finishTasksAndInvalidate()
        if let temporaryFile { try? FileManager.default.removeItem(at: temporaryFile) }
    }
}
