import AnthropicClient
import BoxClient
import DiscordClient
import Foundation
import KeysClient
import OpenAIClient
import PagesClient
import PetsClient
import PetstoreClient
import RegionalClient
import StripeClient
import TwilioClient

// Each client as the scenarios make it: the spec's API under
// `<server>/<spec id>`, the credentials of its schemes (a test value each,
// unless the scenario gives others), no retries (the first answer is the
// one observed), and plain http allowed (CONFORMANCE_SERVER_URL may name
// another machine). `headers` are sent with every request
// (`X-Oracle-Status`, `X-Mock-*`).

/// The status a scenario asks the server for: `X-Oracle-Status`, which the
/// mock understands and which another server may.
func oracle(_ status: Int) -> [String: String] {
    ["X-Oracle-Status": String(status)]
}

enum Keys {
    static let openAI = "sk-conformance-openai"
    static let anthropic = "sk-ant-conformance"
    static let stripe = "sk_test_conformance"
    static let discord = "Bot conformance-bot-token"
    static let twilioAccount = "AC0123456789abcdef0123456789abcdef"
    static let twilioToken = "conformance-auth-token"
    static let box = "conformance-box-token"
    static let petstore = "conformance-petstore-key"
    static let petstoreOAuth = "conformance-petstore-oauth-token"
    static let queryKey = "conformance-query-key"
    static let cookieKey = "conformance-session"
    static let headerKey = "conformance-header-key"
}

extension Server {
    func openAI(
        credentials: [OpenAI.SecurityScheme: OpenAI.Credential] = [.apiKeyAuth: .bearer(Keys.openAI)],
        headers: [String: String] = [:]
    ) -> OpenAI {
        OpenAI(
            configuration: .init(
                baseURL: baseURL("openai--openapi"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func anthropic(
        credentials: [Anthropic.SecurityScheme: Anthropic.Credential] = [.xAPIKey: .apiKey(Keys.anthropic)],
        headers: [String: String] = [:]
    ) -> Anthropic {
        Anthropic(
            configuration: .init(
                baseURL: baseURL("anthropic--hosted_spec"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    /// Stripe's key as `apiKey`: the credential of its first scheme, basic (the key as the user name).
    func stripe(
        credentials: [Stripe.SecurityScheme: Stripe.Credential] = [.basicAuth: .apiKey(Keys.stripe)],
        headers: [String: String] = [:]
    ) -> Stripe {
        Stripe(
            configuration: .init(
                baseURL: baseURL("stripe--spec3"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func discord(
        credentials: [Discord.SecurityScheme: Discord.Credential] = [.botToken: .apiKey(Keys.discord)],
        headers: [String: String] = [:]
    ) -> Discord {
        Discord(
            configuration: .init(
                baseURL: baseURL("discord--openapi"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func twilio(
        credentials: [Twilio.SecurityScheme: Twilio.Credential] = [
            .accountSidAuthToken: .basic(username: Keys.twilioAccount, password: Keys.twilioToken)
        ],
        headers: [String: String] = [:]
    ) -> Twilio {
        Twilio(
            configuration: .init(
                baseURL: baseURL("twilio--twilio_api_v2010"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func box(
        credentials: [Box.SecurityScheme: Box.Credential] = [.oAuth2Security: .bearer(Keys.box)],
        headers: [String: String] = [:]
    ) -> Box {
        Box(
            configuration: .init(
                baseURL: baseURL("box--openapi"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func petstore(
        credentials: [Petstore.SecurityScheme: Petstore.Credential] = [
            .petstoreAuth: .bearer(Keys.petstoreOAuth), .apiKey: .apiKey(Keys.petstore),
        ],
        headers: [String: String] = [:]
    ) -> Petstore {
        Petstore(
            configuration: .init(
                baseURL: baseURL("swagger-petstore-v31--openapi"), credentials: credentials, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    /// The client of version 1 of the pets API, calling a server of version 2.
    func pets(headers: [String: String] = [:]) -> Pets {
        Pets(
            configuration: .init(
                baseURL: baseURL("pets-v2"), timeout: .seconds(30), additionalHeaders: headers, retryPolicy: .never,
                allowsInsecureHTTP: true))
    }

    func pages(headers: [String: String] = [:]) -> Pages {
        Pages(
            configuration: .init(
                baseURL: baseURL("pages"), timeout: .seconds(30), additionalHeaders: headers, retryPolicy: .never,
                allowsInsecureHTTP: true))
    }

    /// API keys in the query, a cookie and a header (Specs/keys.yaml).
    func keys(
        credentials: [KeysAPI.SecurityScheme: KeysAPI.Credential] = [
            .queryKey: .apiKey(Keys.queryKey), .sessionCookie: .apiKey(Keys.cookieKey),
            .headerKey: .apiKey(Keys.headerKey),
        ],
        headers: [String: String] = [:]
    ) -> KeysAPI {
        KeysAPI(
            configuration: .init(
                baseURL: baseURL("keys"), credentials: credentials, timeout: .seconds(30), additionalHeaders: headers,
                retryPolicy: .never, allowsInsecureHTTP: true))
    }
}
