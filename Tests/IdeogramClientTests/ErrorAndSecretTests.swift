import Foundation
@testable import IdeogramClient
import Testing

struct ErrorAndSecretTests {
    @Test func safetyErrorIsDecodedIntoTheTypedError() async throws {
        let transport = CapturingTransport(status: 422, json: #"{"error": "prompt failed the safety check"}"#)
        do {
            _ = try await Fixtures.client(transport).generateImageV3(.init(prompt: "x"))
            Issue.record("expected an error")
        } catch .unexpectedStatus(let failure) {
            #expect(failure.statusCode == 422)
            #expect(failure.operationID == "post-generate-image-v-3")
            guard case .generateImageSafetyError(let safety)? = failure.documentedBody else {
                Issue.record("no documented body: \(String(describing: failure.documentedBody))")
                return
            }
            #expect(safety.error == "prompt failed the safety check")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        (400, "<html>502 Bad Gateway</html>"),
        (401, ""),
        (429, "{\"detail\": "),
        (503, "not json"),
    ])
    func otherStatusesCarryStatusHeadersAndRawBody(status: Int, body: String) async {
        let transport = CapturingTransport(status: status, json: body, headers: ["Retry-After": "3"])
        do {
            _ = try await Fixtures.client(transport).listDatasets()
            Issue.record("expected an error")
        } catch .unexpectedStatus(let failure) {
            #expect(failure.statusCode == status)
            #expect(failure.body == Data(body.utf8))
            #expect(failure.headers["Retry-After"] == "3")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aMalformedSuccessBodyIsADecodingErrorThatNamesTheField() async {
        let transport = CapturingTransport(json: #"{"created": "yesterday", "data": []}"#)
        do {
            _ = try await Fixtures.client(transport).generateImageV3(.init(prompt: "x"))
            Issue.record("expected an error")
        } catch .decoding(let failure) {
            #expect(failure.message.contains("created"))
            #expect(failure.statusCode == 200)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func unknownEnumValuesExtraFieldsAndNullsDecode() async throws {
        let transport = CapturingTransport(json: """
            {"created": "2000-01-23T04:56:07Z", "extra": 1, "data": [{"url": null, "prompt": "p", "resolution": "4096x4096",
             "is_image_safe": true, "seed": 1, "style_type": "HOLOGRAPHIC", "surprise": {"a": [1]}}]}
            """)
        let result = try await Fixtures.client(transport).generateImageV3(.init(prompt: "x"))
        #expect(result.data.first?.resolution == .undocumented("4096x4096"))
        #expect(result.data.first?.styleType == .undocumented("HOLOGRAPHIC"))
        #expect(result.data.first?.styleType?.rawValue == "HOLOGRAPHIC")
    }

    @Test func gatewayPrefixIsKept() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport, baseURL: "https://aihubmix.com/ideogram/").generateImageV3(.init(prompt: "x"))
        #expect(transport.last?.url.absoluteString == "https://aihubmix.com/ideogram/v1/ideogram-v3/generate")
    }

    @Test func theAPIKeyNeverShowsInDescriptionsDumpsOrErrors() async {
        let transport = CapturingTransport(status: 401, json: #"{"detail": "bad key"}"#)
        let client = Fixtures.client(transport)
        var texts = [
            String(describing: client), String(reflecting: client),
            String(describing: client.configuration), String(reflecting: client.configuration),
            "\(client.configuration.apiKey as Any)",
        ]
        var dumped = ""
        dump(client, to: &dumped)
        texts.append(dumped)
        do {
            _ = try await client.listDatasets()
        } catch {
            texts.append(String(describing: error))
            texts.append(String(reflecting: error))
            var errorDump = ""
            dump(error, to: &errorDump)
            texts.append(errorDump)
        }
        #expect(transport.last?.value(forHeader: "Api-Key") == Fixtures.apiKey)
        for text in texts {
            #expect(!text.contains(Fixtures.apiKey), "\(text)")
            #expect(!text.contains("SECRET"), "\(text)")
        }
    }

    @Test(arguments: [
        ("2000-01-23T04:56:07Z", 948_603_367.0),
        ("2000-01-23 04:56:07+00:00", 948_603_367.0),
        ("2024-11-01T10:06:14.744267+00:00", 1_730_455_574.744267),
        ("2026-03-31T10:00:15.000Z", 1_774_951_215.0),
        ("2000-01-23T06:56:07+02:00", 948_603_367.0),
        ("2000-01-23T04:56:07", 948_603_367.0),
    ])
    func everyDocumentedDateFormDecodes(text: String, seconds: Double) throws {
        let date = try #require(ISO8601Date.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test func invalidDatesAreRejected() {
        for text in ["", "2000-13-01T00:00:00Z", "yesterday", "2000-01-23T04:56:07+", "2000-01-23T04:56:07.Z"] {
            #expect(ISO8601Date.parse(text) == nil, "\(text)")
        }
    }

    @Test func filenamesAreEscapedAsBrowsersDo() async throws {
        let transport = CapturingTransport(json: "{}")
        let file = MultipartFile(data: Data([1]), filename: "a\"b\r\nc.png", contentType: "image/png")
        _ = try? await Fixtures.client(transport).removeBackground(.init(image: file))
        let body = String(decoding: transport.last?.body ?? Data(), as: UTF8.self)
        #expect(body.contains(#"filename="a%22b%0D%0Ac.png""#))
    }
}

struct BoundaryTests {
    @Test func randomBoundariesAreValidAndDiffer() {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=?")
        let boundaries = (0..<50).map { _ in MultipartFormData.randomBoundary() }
        #expect(Set(boundaries).count == 50)
        for boundary in boundaries {
            #expect((1...70).contains(boundary.count))
            #expect(boundary.allSatisfy(allowed.contains))
        }
    }

    @Test func aBoundaryThatOccursInThePayloadIsReplaced() async throws {
        let transport = CapturingTransport(json: "{}")
        let boundary = "fixed-boundary"
        let client = Ideogram(
            configuration: .init(baseURL: URL(string: "https://api.ideogram.ai")!, apiKey: "k", retryPolicy: .never,
                                 makeBoundary: { boundary }),
            transport: transport)
        let file = MultipartFile(data: Data("--\(boundary)\r\nsneaky".utf8), filename: "a.png", contentType: "image/png")
        _ = try? await client.removeBackground(.init(image: file))
        let request = try #require(transport.last)
        let contentType = try #require(request.value(forHeader: "Content-Type"))
        let used = String(contentType.split(separator: "=", maxSplits: 1).last ?? "")
        #expect(used != boundary)
        #expect(used.hasPrefix(boundary))
        #expect(used.count <= 70)
        let body = String(decoding: request.body ?? Data(), as: UTF8.self)
        // The delimiter occurs exactly twice: before the one part, and as the closing delimiter.
        #expect(body.components(separatedBy: "--" + used).count == 3)
        #expect(body.hasSuffix("--\(used)--\r\n"))
    }

    /// The boundary used for a payload, with "fixed-boundary" preferred.
    private func boundaryUsed(for payload: Data) async throws -> String {
        let transport = CapturingTransport(json: "{}")
        let client = Ideogram(
            configuration: .init(baseURL: URL(string: "https://api.ideogram.ai")!, apiKey: "k", retryPolicy: .never,
                                 makeBoundary: { "fixed-boundary" }),
            transport: transport)
        _ = try? await client.removeBackground(.init(image: MultipartFile(data: payload, filename: "a.png")))
        let contentType = try #require(transport.last?.value(forHeader: "Content-Type"))
        return String(contentType.split(separator: "=", maxSplits: 1).last ?? "")
    }

    @Test(arguments: [
        // The delimiter as the payload's last bytes, after many near misses, alone.
        (Data(repeating: 0x2D, count: 5_000) + Data("--fixed-boundary".utf8), true),
        (Data(String(repeating: "--fixed-boundar-", count: 300).utf8) + Data("--fixed-boundary!".utf8), true),
        (Data("--fixed-boundary".utf8), true),
        // Only a prefix of it, cut off by the end; dashes only; nothing.
        (Data(String(repeating: "--fixed-boundar-", count: 300).utf8) + Data("--fixed-boundar".utf8), false),
        (Data(repeating: 0x2D, count: 5_000), false),
        (Data(), false),
    ])
    func theBoundaryChangesExactlyWhenThePayloadHoldsIt(payload: Data, holdsIt: Bool) async throws {
        let used = try await boundaryUsed(for: payload)
        #expect((used != "fixed-boundary") == holdsIt)
        #expect(used.hasPrefix("fixed-boundary"))
    }
}
