import Foundation
import PixazoClient
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension IntegrationSlowTests {
    /// Every Pixazo operation and the background-removal job, over real HTTP
    /// with `URLSessionTransport`, against a server that validates each
    /// request against spec/pixazo-openapi.yml and runs jobs through QUEUED,
    /// PROCESSING and COMPLETED (Tests/Server/pixazo_server.py), or against
    /// the gateway `PIXAZO_TEST_SERVER_URL` names. The tests that pick a
    /// failure mode need the project's server and are skipped otherwise.
    @Suite
    struct PixazoTests {
        static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 64))
        static let image = MultipartFile(data: png, filename: "photo.png", contentType: "image/png")
        static let picture = URL(string: "https://example.com/photos/cat.jpg")!
        static var isLocal: Bool { ProcessInfo.processInfo.environment["PIXAZO_TEST_SERVER_URL"] == nil }
        /// Polls quickly: the local server finishes a job on its third poll.
        static var polling: JobPolling {
            isLocal ? JobPolling(interval: .milliseconds(50), deadline: .seconds(60)) : .default
        }

        func client(failure: String? = nil) async throws -> Pixazo {
            let server = try await ValidatingServer.pixazo.value
            let key = ProcessInfo.processInfo.environment["PIXAZO_TEST_KEY"] ?? "pixazo-integration-key"
            var configuration = Pixazo.Configuration(baseURL: server.baseURL, apiKey: key, timeout: .seconds(30))
            if let failure { configuration.additionalHeaders["X-Test-Failure"] = failure }
            return Pixazo(configuration: configuration)
        }

        func submit(failure: String) async throws -> RemoveBackgroundJob {
            let submission = try await client(failure: failure).submitRemoveBackground(
                request: .init(imageURL: Self.picture))
            guard case .removeBackgroundJob(let job) = submission else { throw JobMissing() }
            return job
        }

        struct JobMissing: Error {}

        // MARK: - Every operation

        @Test func generateV2() async throws {
            let result = try await client().generateImageV2(
                cacheControl: .noCache,
                request: .init(
                    imageRequest: .init(
                        prompt: "A lighthouse at dusk", negativePrompt: "people", aspectRatio: ._16x9, seed: 12345,
                        magicPromptOption: .on, styleType: .realistic, colorPalette: .init(name: .ember), model: .v2)))
            #expect(!result.data.isEmpty)
            #expect(result.data.allSatisfy { !$0.prompt.isEmpty })
        }

        @Test func generateV2Turbo() async throws {
            let result = try await client().generateImageV2Turbo(
                request: .init(
                    imageRequest: .init(
                        prompt: "A paper boat", aspectRatio: ._1x1, magicPromptOption: .off, model: .v2Turbo)))
            #expect(!result.data.isEmpty)
        }

        @Test func describeV2AndTurbo() async throws {
            let client = try await client()
            #expect(try await !client.describeImageV2(.init(imageFile: Self.image)).data.description.isEmpty)
            #expect(try await !client.describeImageV2Turbo(.init(imageFile: Self.image)).data.description.isEmpty)
        }

        @Test func editV2AndTurbo() async throws {
            let client = try await client()
            let edited = try await client.editImageV2(
                .init(imageFile: Self.image, mask: Self.image, prompt: "add a hat", model: "V_2"))
            #expect(!edited.data.isEmpty)
            let turbo = try await client.editImageV2Turbo(
                .init(imageFile: Self.image, prompt: "add a scarf", model: "V_2"))
            #expect(!turbo.data.isEmpty)
        }

        @Test func remixV2AndTurbo() async throws {
            let client = try await client()
            let remixed = try await client.remixImageV2(
                .init(
                    imageRequest: .init(
                        prompt: "in watercolor", aspectRatio: ._3x2, imageWeight: 60, magicPromptOption: .auto,
                        model: "V_2"),
                    imageFile: Self.image))
            #expect(!remixed.data.isEmpty)
            let turbo = try await client.remixImageV2Turbo(
                .init(imageRequest: .init(prompt: "as a sketch", model: "V_2_TURBO"), imageFile: Self.image))
            #expect(!turbo.data.isEmpty)
        }

        // MARK: - The job

        @Test func removeBackgroundRunsToCompleted() async throws {
            let result = try await client().removeBackground(
                cacheControl: .noCache, request: .init(imageURL: Self.picture), polling: Self.polling)
            #expect(result.status == .completed)
            let link = try #require(result.output?.mediaURL?.first)
            #expect(result.output?.mediaType == "image/png")
            guard Self.isLocal else { return }
            // The local server moved the job through each stage, one poll each.
            let jobs = try await ValidatingServer.pixazo.value.introspect("__jobs")["jobs"] as? [[String: Any]] ?? []
            let job = try #require(jobs.first { $0["request_id"] as? String == result.requestID })
            #expect(job["polls"] as? Int == 3)
            // The result can be fetched like any link.
            let (data, _) = try await URLSession.shared.data(from: link)
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }

        @Test func submitThenStatusStepByStep() async throws {
            let client = try await client()
            let submission = try await client.submitRemoveBackground(request: .init(imageURL: Self.picture))
            guard case .removeBackgroundJob(let job) = submission else {
                Issue.record("the submission is not a job: \(submission)")
                return
            }
            #expect(job.status == .queued)
            #expect(job.pollingURL?.path.hasSuffix("/v2/requests/status/" + job.requestID) == true)
            let first = try await client.status(of: job)
            #expect(first.requestID == job.requestID)
            // The status operation reaches the same job by its id.
            let byID = try await client.getRemoveBackgroundStatus(requestID: job.requestID)
            #expect(byID.requestID == job.requestID)
            #expect(try await client.wait(for: job, polling: Self.polling).status == .completed)
        }

        @Test func syncModeAnswersInline() async throws {
            let submission = try await client().submitRemoveBackground(
                request: .init(imageURL: Self.picture, syncMode: true))
            guard case .inlineImageResult(let result) = submission else {
                Issue.record("sync_mode did not answer inline: \(submission)")
                return
            }
            #expect(result.images.first?.url?.hasPrefix("data:image/png") == true)
        }

        // MARK: - Failures (the project's server only)

        @Test(.enabled(if: isLocal)) func failedAndErrorJobsAreTypedErrors() async throws {
            for (mode, stage) in [("job-failed", "FAILED"), ("job-error", "ERROR")] {
                let job = try await submit(failure: mode)
                let pixazo = try await client()
                do {
                    _ = try await pixazo.wait(for: job, polling: Self.polling)
                    Issue.record("\(mode) did not throw")
                } catch .jobFailed(let failure) {
                    #expect(failure.stage == stage)
                    #expect(failure.message?.isEmpty == false)
                    #expect(failure.polls == 3)
                } catch {
                    Issue.record("\(mode): unexpected \(error)")
                }
            }
        }

        @Test(.enabled(if: isLocal)) func aDeadlineThatExpiresEndsTheWait() async throws {
            let job = try await submit(failure: "never-completes")
            let pixazo = try await client()
            do {
                _ = try await pixazo.wait(
                    for: job, polling: JobPolling(interval: .milliseconds(50), deadline: .milliseconds(600)))
                Issue.record("the wait did not end")
            } catch .jobTimedOut(let timeout) {
                #expect(timeout.lastStage == "PROCESSING")
                #expect(timeout.polls >= 2)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }

        @Test(.enabled(if: isLocal)) func aSlowPollIsCutShortByTheDeadline() async throws {
            let job = try await submit(failure: "slow-poll:5000")
            let pixazo = try await client()
            do {
                _ = try await pixazo.wait(
                    for: job, polling: JobPolling(interval: .milliseconds(50), deadline: .seconds(1)))
                Issue.record("the wait did not end")
            } catch .jobTimedOut(let timeout) {
                #expect(timeout.polls == 1)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }

        @Test(.enabled(if: isLocal)) func rateLimitedPollsWaitForRetryAfter() async throws {
            let job = try await submit(failure: "poll-429:2")
            let result = try await client().wait(for: job, polling: Self.polling)
            #expect(result.status == .completed)
            let jobs = try await ValidatingServer.pixazo.value.introspect("__jobs")["jobs"] as? [[String: Any]] ?? []
            let record = try #require(jobs.first { $0["request_id"] as? String == job.requestID })
            #expect(record["polls"] as? Int == 5)
        }

        @Test(.enabled(if: isLocal)) func aMalformedPollIsADecodingError() async throws {
            let job = try await submit(failure: "malformed-poll")
            let pixazo = try await client()
            do {
                _ = try await pixazo.wait(for: job, polling: Self.polling)
                Issue.record("a truncated body decoded")
            } catch .decoding(let failure) {
                #expect(failure.operationID == "get-remove-background-status")
                #expect(failure.statusCode == 200)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }

        /// `localhost` and `127.0.0.1` are two names of this machine: a
        /// polling URL under the other name is the same host, and is polled.
        /// (A polling URL on another machine, port or scheme is never called:
        /// JobTests, with canned answers.)
        @Test(.enabled(if: isLocal)) func aPollingURLUnderAnotherNameOfThisMachineIsPolled() async throws {
            let job = try await submit(failure: "polling-host:localhost")
            #expect(job.pollingURL?.host == "localhost")
            let result = try await client().wait(for: job, polling: Self.polling)
            #expect(result.status == .completed)
            let requests =
                try await ValidatingServer.pixazo.value.introspect("__requests")["requests"] as? [[String: Any]] ?? []
            #expect(
                requests.contains {
                    ($0["host"] as? String)?.hasPrefix("localhost") == true && $0["had_key"] as? Bool == true
                })
        }

        @Test(.enabled(if: isLocal)) func cancellingDuringPollingStopsAtOnce() async throws {
            let job = try await submit(failure: "never-completes")
            let client = try await client()
            let task = Task {
                try await client.wait(for: job, polling: JobPolling(interval: .seconds(300), deadline: .seconds(3600)))
            }
            // Cancel once the first poll has been answered and the client sleeps.
            let server = try await ValidatingServer.pixazo.value
            for _ in 0..<200 {
                let jobs = try await server.introspect("__jobs")["jobs"] as? [[String: Any]] ?? []
                if jobs.contains(where: {
                    $0["request_id"] as? String == job.requestID && ($0["polls"] as? Int ?? 0) >= 1
                }) {
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            task.cancel()
            let result = await task.result
            guard case .failure(let error) = result, case .cancelled? = error as? PixazoError else {
                Issue.record("expected .cancelled, got \(result)")
                return
            }
        }

        @Test(.enabled(if: isLocal)) func errorStatusesAndAMissingKey() async throws {
            let limited = try await client(failure: "status-429")
            do {
                _ = try await limited.generateImageV2(request: .init(imageRequest: .init(prompt: "x", model: .v2)))
                Issue.record("a 429 did not throw")
            } catch {
                #expect(error.isRateLimited)
                #expect(error.retryAfter == .seconds(1))
            }
            // The spec requires the subscription key: without one, the call
            // fails before anything is sent, naming the scheme.
            let server = try await ValidatingServer.pixazo.value
            let anonymous = Pixazo(configuration: .init(baseURL: server.baseURL, timeout: .seconds(30)))
            do {
                _ = try await anonymous.generateImageV2(request: .init(imageRequest: .init(prompt: "x", model: .v2)))
                Issue.record("a request without the key was sent")
            } catch {
                guard case .invalidRequest(let reason) = error else {
                    Issue.record("expected invalidRequest, got \(error)")
                    return
                }
                #expect(reason.contains("`SubscriptionKey`"), "\(reason)")
            }
        }
    }
}
