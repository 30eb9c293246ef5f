import BoxClient
import DiscordClient
import Foundation
import KeysClient
import OpenAIClient
import StripeClient

/// Documented statuses other than the first success, chosen with
/// `X-Oracle-Status`: errors with documented bodies, `default`, and
/// operations with several success responses, whose calls return an
/// outcome enum (its case is `valueCase`). `StatusTests` reads them.
let statusScenarios: [Scenario] = [
    Scenario("status.boxNotFound") { server in
        await attempt { try await server.box(headers: oracle(404)).getFilesID(fileID: "12345") }
    },
    // Stripe documents only 200 and `default`: a 402 is answered with the `default` error body.
    Scenario("status.stripeDefault") { server in
        await attempt { try await server.stripe(headers: oracle(402)).getCustomersCustomer(customer: "cus_1") }
    },
    Scenario("status.openAIRateLimited") { server in
        await attempt {
            try await server.openAI(headers: oracle(429)).createEmbedding(
                .init(input: .string("x"), model: .string("text-embedding-3-small")))
        }
    },
    // create_channel_invite documents 200 (an invite) and 204 (no content).
    Scenario("status.discordInvite200") { server in
        await attempt {
            let (invite, response) = try await server.discord(headers: oracle(200)).withResponse {
                try await $0.createChannelInvite(channelID: "1234567890123456789", request: Invites.guild)
            }
            return Answered(invite, status: response.statusCode, headers: response.headers)
        }
    },
    Scenario("status.discordInvite204") { server in
        await attempt {
            let (invite, response) = try await server.discord(headers: oracle(204)).withResponse {
                try await $0.createChannelInvite(channelID: "1234567890123456789", request: Invites.guild)
            }
            return Answered(invite, status: response.statusCode, headers: response.headers)
        }
    },
    // The commit documents 201 (the file) and 202 (not processed yet: no body, `Retry-After`).
    Scenario("status.boxCommit201") { server in
        await attempt {
            let (files, response) = try await server.box(headers: oracle(201)).withResponse {
                try await Commits.commit(with: $0)
            }
            return Answered(files, status: response.statusCode, headers: response.headers)
        }
    },
    Scenario("status.boxCommit202") { server in
        await attempt {
            let (files, response) = try await server.box(headers: oracle(202)).withResponse {
                try await Commits.commit(with: $0)
            }
            let typed = FilesUploadSessionsIDCommitResponseHeaders(response)
            return Answered(
                files, status: response.statusCode, headers: response.headers,
                typedHeaders: ["retryAfter": typed.retryAfter.map { Report($0) } ?? .null])
        }
    },
    // get_files_id documents 304 (not modified, no body) beside 200: a 3xx outcome.
    Scenario("status.boxFile304") { server in
        await attempt {
            try await server.box(headers: oracle(304)).getFilesID(fileID: "12345", ifNoneMatch: "\"1\"")
        }
    },
    // Stripe's delete answers 200 with a `deleted` object; the call returns it as its only outcome.
    Scenario("status.stripeDeleteOnlyOutcome") { server in
        await attempt { try await server.stripe().deleteCustomersCustomer(customer: "cus_Conformance1") }
    },
    // Specs/keys.yaml's getMaybe documents only 204: the call returns nothing, and nothing is decoded.
    Scenario("status.only204", needsMock: true) { server in
        await attempt {
            try await server.keys().getMaybe()
            return "returned"
        }
    },
]

private enum Invites {
    static let guild = CreateChannelInviteRequest.guildInviteRequest(.init(maxAge: 3600, maxUses: 5, unique: true))
}

private enum Commits {
    static func commit(with box: Box) async throws -> FilesUploadSessionsIDCommitOutcome {
        try await box.filesUploadSessionsIDCommit(
            uploadSessionID: "F971964745A5CD0C001BBE4E58196BFD", digest: "sha=fpRyg5eVQletdZqEKaFlqwBXJzM=",
            request: .init(parts: [
                .init(partID: "BFDF5379", offset: 0, size: 8_388_608, sha1: "134b65991ed521fcfe4724b7d814ab8ded5185dc")
            ]))
    }
}
