import BoxClient
import DiscordClient
import Foundation
import PagesClient

/// Documented response headers: Discord's `X-RateLimit-*` on every
/// response, Box's `Retry-After`, a `Link` header. `ResponseHeaderTests`
/// reads them.
let responseHeaderScenarios: [Scenario] = [
    // The headers as text through `withResponse`, and as the client types them (`RateLimitHeaders`).
    Scenario("headers.discordRateLimit") { server in
        await attempt {
            let (channel, response) = try await server.discord().withResponse {
                try await $0.getChannel(channelID: "1234567890123456789")
            }
            let typed = RateLimitHeaders(response)
            return Answered(
                channel, status: response.statusCode, headers: response.headers,
                typedHeaders: [
                    "limit": typed.xRateLimitLimit.map { Report($0) } ?? .null,
                    "remaining": typed.xRateLimitRemaining.map { Report($0) } ?? .null,
                    "reset": typed.xRateLimitReset.map { .number($0) } ?? .null,
                    "resetAfter": typed.xRateLimitResetAfter.map { .number($0) } ?? .null,
                    "bucket": Report(typed.xRateLimitBucket),
                ])
        }
    },
    // Specs/pages.yaml documents `Link` on its list.
    Scenario("headers.pagesLink", needsMock: true) { server in
        await attempt {
            let (items, response) = try await server.pages(headers: ["X-Mock-Total-Items": "7"]).withResponse {
                try await $0.listItems(page: 1, perPage: 3)
            }
            return Answered(
                items, status: response.statusCode, headers: response.headers,
                typedHeaders: ["link": Report(ListItemsResponseHeaders(response).link)])
        }
    },
]
