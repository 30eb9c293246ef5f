import AnthropicClient
import BoxClient
import DiscordClient
import Foundation
import OpenAIClient
import PagesClient
import PetsClient
import PetstoreClient
import RegionalClient
import StripeClient
import TwilioClient

// Each client as the scenarios make it: the spec's API under
// `<server>/<spec id>`, a test credential, no retries (the first answer is
// the one observed), and plain http allowed (CONFORMANCE_SERVER_URL may name
// another machine). `headers` are sent with every request (`X-Oracle-Status`,
// `X-Mock-*`).

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
}

extension Server {
    func openAI(key: String? = Keys.openAI, headers: [String: String] = [:]) -> OpenAI {
        OpenAI(
            configuration: .init(
                baseURL: baseURL("openai--openapi"), apiKey: key, timeout: .seconds(30), additionalHeaders: headers,
                retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func anthropic(key: String? = nil, headers: [String: String] = [:]) -> Anthropic {
        Anthropic(
            configuration: .init(
                baseURL: baseURL("anthropic--hosted_spec"), apiKey: key, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func stripe(key: String? = Keys.stripe, headers: [String: String] = [:]) -> Stripe {
        Stripe(
            configuration: .init(
                baseURL: baseURL("stripe--spec3"), apiKey: key, timeout: .seconds(30), additionalHeaders: headers,
                retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func discord(key: String? = Keys.discord, headers: [String: String] = [:]) -> Discord {
        Discord(
            configuration: .init(
                baseURL: baseURL("discord--openapi"), apiKey: key, timeout: .seconds(30), additionalHeaders: headers,
                retryPolicy: .never, allowsInsecureHTTP: true))
    }

    /// Twilio's basic credentials as today's client takes them: the caller
    /// encodes `AccountSid:AuthToken` in base64 and the client prefixes `Basic `.
    func twilio(key: String? = Data((Keys.twilioAccount + ":" + Keys.twilioToken).utf8).base64EncodedString(),
                headers: [String: String] = [:]) -> Twilio {
        Twilio(
            configuration: .init(
                baseURL: baseURL("twilio--twilio_api_v2010"), apiKey: key, timeout: .seconds(30),
                additionalHeaders: headers, retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func box(key: String? = Keys.box, headers: [String: String] = [:]) -> Box {
        Box(
            configuration: .init(
                baseURL: baseURL("box--openapi"), apiKey: key, timeout: .seconds(30), additionalHeaders: headers,
                retryPolicy: .never, allowsInsecureHTTP: true))
    }

    func petstore(key: String? = Keys.petstore, headers: [String: String] = [:]) -> Petstore {
        Petstore(
            configuration: .init(
                baseURL: baseURL("swagger-petstore-v31--openapi"), apiKey: key, timeout: .seconds(30),
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
}
