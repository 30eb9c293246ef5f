import DiscordClient
import Foundation

/// Documented response headers: Discord's `X-RateLimit-*` on every
/// response. `ResponseHeaderTests` reads them.
let responseHeaderScenarios: [Scenario] = [
    // Today the headers are there as text, through `withResponse`.
    Scenario("headers.discordRateLimitText") { server in
        await attempt {
            let (channel, response) = try await server.discord().withResponse {
                try await $0.getChannel(channelID: "1234567890123456789")
            }
            return Answered(channel, status: response.statusCode, headers: response.headers)
        }
    },

    // Pending: typed response headers. Report them as `typedHeaders`, e.g.
    // `["limit": Report(headers.xRateLimitLimit), "remaining": ..., "resetAfter": ..., "bucket": ...]`,
    // from whatever the call returns them in.
    Scenario("headers.discordRateLimitTypedPending") { server in
        var fields = await attempt { try await server.discord().getChannel(channelID: "1234567890123456789") }
        fields["typedHeaders"] = .null
        return fields
    },
]
