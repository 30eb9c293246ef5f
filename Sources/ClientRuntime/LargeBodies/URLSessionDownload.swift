public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// Downloads to a file with `URLSessionDownloadTask` in a session of its own
// whose delegate (`URLSessionDownloadDelegate`: `didWriteData` for progress,
// `didFinishDownloadingTo` to take the file, `didCompleteWithError`; macOS
// 10.9, iOS 7, tvOS 9, watchOS 2, and FoundationNetworking) moves the file
// into place. URLSession itself writes the body to disk as it arrives, on
// Apple platforms and Linux alike, so memory stays flat whatever the size
// (FoundationNetworking cannot suspend a running data task, which is what
// would hold a streamed body back while the reader writes it).

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient.URLSessionTransport {
    /// Downloads the response's body into `file` with a download task,
    /// which writes it to disk as it arrives; cancelling the calling task
    /// cancels the transfer. It runs in a session of its own with
    /// ``session``'s configuration (not its delegate).
    public func download(
        _ request: APIClient.HTTPRequest, to file: URL,
        progress: (@Sendable (_ written: Int64, _ expected: Int64?) -> Void)?
    ) async throws -> APIClient.HTTPResponse {
        let delegate = DownloadDelegate(destination: file, progress: progress)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let downloads = URLSession(configuration: session.configuration, delegate: delegate, delegateQueue: queue)
        let task = downloads.downloadTask(with: Self.urlRequest(request))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.start(task, done: continuation)
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Receives one download's callbacks: progress, the finished file (moved
/// to its destination at once, since URLSession deletes it after the
/// callback), and the end.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated final class DownloadDelegate: NSObject, URLSessionDownloadDelegate, @unchecked Sendable {
    private let destination: URL
    private let progress: (@Sendable (Int64, Int64?) -> Void)?
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var done: CheckedContinuation<APIClient.HTTPResponse, any Error>?
    private var moveError: (any Error)?

    init(destination: URL, progress: (@Sendable (Int64, Int64?) -> Void)?) {
        self.destination = destination
        self.progress = progress
        super.init()
    }

    func start(_ task: URLSessionDownloadTask, done: CheckedContinuation<APIClient.HTTPResponse, any Error>) {
        lock.withLock { self.done = done }
        task.resume()
    }

    func urlSession(
        _ session: URLSession, downloadTask: URLSessionDownloadTask, didWriteData bytesWritten: Int64,
        totalBytesWritten: Int64, totalBytesExpectedToWrite: Int64
    ) {
        progress?(totalBytesWritten, totalBytesExpectedToWrite > 0 ? totalBytesExpectedToWrite : nil)
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        do {
            if FileManager.default.fileExists(atPath: destination.path) {
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.moveItem(at: location, to: destination)
        } catch {
            lock.withLock { moveError = error }
        }
    }

    #if canImport(FoundationNetworking)
    /// Declines a challenge nothing has a credential for (``DeclinedChallenges``
    /// says why): the download then ends with the `401` that raised it.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        DeclinedChallenges.answer(challenge, of: task, completionHandler)
    }
    #endif

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (waiting, moveError) = lock.withLock {
            defer { done = nil }
            return (done, self.moveError)
        }
        // A declined challenge ends the task as cancelled; its 401 is the answer.
        let error = DeclinedChallenges.response(of: task) == nil ? error : nil
        if let error = error ?? moveError {
            waiting?.resume(throwing: error)
        } else if let http = task.response as? HTTPURLResponse {
            if !FileManager.default.fileExists(atPath: destination.path) {
                // An empty body: URLSession may hand over no file at all.
                _ = FileManager.default.createFile(atPath: destination.path, contents: nil)
            }
            waiting?.resume(
                returning: APIClient.HTTPResponse(
                    statusCode: http.statusCode, headers: APIClient.URLSessionTransport.headers(of: http)))
        } else {
            waiting?.resume(throwing: URLError(.badServerResponse))
        }
        session.finishTasksAndInvalidate()
    }
}
