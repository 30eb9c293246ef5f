public import Foundation

/// How a client waits for a job: how often it asks for the job's stage and
/// how long it waits in all.
///
/// Every poll is a request, and a gateway may bill each one. The default asks
/// every 2.5 seconds (gateways such as Pixazo ask for 2 to 3) and gives up
/// after 10 minutes.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated public struct JobPolling: Sendable, Hashable {
    /// The time from one poll's answer to the next poll.
    public var interval: Duration
    /// How long to wait in all, from the first poll. When it passes, waiting
    /// ends with `jobTimedOut`, and a poll under way is cut short (within a
    /// second).
    public var deadline: Duration

    /// Creates a polling plan; both durations must be positive.
    public init(interval: Duration = .milliseconds(2500), deadline: Duration = .seconds(600)) {
        self.interval = interval
        self.deadline = deadline
    }

    /// Every 2.5 seconds, for at most 10 minutes.
    public static let `default` = JobPolling()
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClientError {
    /// A job that ended in a stage the API lists as failed.
    public struct JobFailure: Sendable, Hashable {
        /// The status operation's identifier in the API description.
        public var operationID: String
        /// The stage the job ended in, as the server wrote it (such as `FAILED`).
        public var stage: String
        /// The server's explanation, from the last status it sent, when it gave one.
        public var message: String?
        /// How many times the job's status was asked for.
        public var polls: Int
        /// The last status response's body, as JSON.
        public var body: Data

        /// Creates a failure, as a test double would.
        public init(operationID: String, stage: String, message: String? = nil, polls: Int, body: Data = Data()) {
            self.operationID = operationID
            self.stage = stage
            self.message = message
            self.polls = polls
            self.body = body
        }
    }

    /// A job that had not ended when the polling deadline passed.
    public struct JobTimeout: Sendable, Hashable {
        /// The status operation's identifier in the API description.
        public var operationID: String
        /// The stage of the last answer, when one came.
        public var lastStage: String?
        /// How many times the job's status was asked for.
        public var polls: Int
        /// The deadline that passed.
        public var deadline: Duration

        /// Creates a timeout, as a test double would.
        public init(operationID: String, lastStage: String? = nil, polls: Int, deadline: Duration) {
            self.operationID = operationID
            self.lastStage = lastStage
            self.polls = polls
            self.deadline = deadline
        }
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// Polls a job until its stage is one of `succeeded` (its last status is
    /// returned) or of `failed` (`jobFailed`), the deadline passes
    /// (`jobTimedOut`) or the calling task is cancelled (`cancelled`).
    ///
    /// `poll` asks once, on a copy of this client whose timeout ends with the
    /// deadline and which does not retry by itself: a 429 here waits as long
    /// as its Retry-After says (at least `interval`), and a server error or a
    /// lost connection is asked again after `interval`, as many times in a row
    /// as the retry policy's `maximumAttempts` allows.
    func waitForJob<Status: Encodable>(
        polling: JobPolling, operationID: String, succeeded: Set<String>, failed: Set<String>,
        poll: (APIClient) async throws(APIClientError) -> Status,
        stage: (Status) -> String?
    ) async throws(APIClientError) -> Status {
        let clock = ContinuousClock()
        let start = clock.now
        var polls = 0
        var failuresInARow = 0
        var lastStage: String?
        func timeout() -> APIClientError {
            .jobTimedOut(
                APIClientError.JobTimeout(
                    operationID: operationID, lastStage: lastStage, polls: polls, deadline: polling.deadline))
        }
        while true {
            if Task.isCancelled { throw .cancelled }
            let remaining = polling.deadline - (clock.now - start)
            guard remaining > .zero else { throw timeout() }
            // The poll's timeout ends with the deadline, rounded up to a whole
            // second: URLSession on Linux does not keep shorter timeouts.
            let whole = Duration.seconds(remaining.components.seconds + (remaining.components.attoseconds > 0 ? 1 : 0))
            let client = configured { configuration in
                configuration.timeout = min(configuration.timeout, whole)
                configuration.retryPolicy.maximumAttempts = 1
            }
            polls += 1
            var wait = polling.interval
            switch await Self.outcome(of: poll, on: client) {
            case .success(let status):
                failuresInARow = 0
                let current = stage(status)
                if let current, succeeded.contains(current) { return status }
                if let current, failed.contains(current) {
                    let body = (try? JSONCoding.encoder.encode(status)) ?? Data()
                    throw .jobFailed(
                        APIClientError.JobFailure(
                            operationID: operationID, stage: current, message: ServerMessage.find(in: body),
                            polls: polls, body: body))
                }
                lastStage = current ?? lastStage
            case .failure(let error):
                if case .cancelled = error { throw error }
                if clock.now - start >= polling.deadline { throw timeout() }
                if error.isRateLimited {
                    wait = max(wait, error.retryAfter ?? wait)
                } else if Self.isTransient(error), failuresInARow + 1 < configuration.retryPolicy.maximumAttempts {
                    failuresInARow += 1
                } else {
                    throw error
                }
            }
            let left = polling.deadline - (clock.now - start)
            guard wait < left else { throw timeout() }
            do {
                try await Task.sleep(for: wait)
            } catch {
                throw .cancelled
            }
        }
    }

    /// One poll, its typed error kept as a value.
    private static func outcome<Status>(
        of poll: (APIClient) async throws(APIClientError) -> Status, on client: APIClient
    ) async -> Result<Status, APIClientError> {
        do {
            return .success(try await poll(client))
        } catch {
            return .failure(error)
        }
    }

    /// A failure worth asking again about: a server error but 501, or no answer.
    private static func isTransient(_ error: APIClientError) -> Bool {
        switch error {
        case .transport: true
        case .unexpectedStatus(let failure): isServerFailure(failure.statusCode)
        default: false
        }
    }
}
