import AnthropicClient
import DiscordClient
import Foundation
import OpenAIClient
import PetstoreClient
import StripeClient
import TwilioClient

/// How each security scheme's credential travels: the mock checks each
/// operation's requirement and records which scheme was met and a hash of
/// the credential (`wire.security`). `SecurityTests` reads them.
///
/// The `…Pending` scenarios call today's API; when per-scheme credentials
/// land, change their calls to the new API (the comment of each says what
/// it must do) and enable their tests.
let securityScenarios: [Scenario] = [
    Scenario("security.openAIBearer", needsMock: false) { server in
        await attempt { try await server.openAI().listModels() }
    },
    // Discord's BotToken is an apiKey in `Authorization`: the value goes as given, `Bot <token>`.
    Scenario("security.discordBotToken") { server in
        await attempt { try await server.discord().getChannel(channelID: "1234567890123456789") }
    },
    // Today the caller encodes `AccountSid:AuthToken` in base64; the client adds `Basic `.
    Scenario("security.twilioBasicEncodedByCaller") { server in
        await attempt { try await server.twilio().fetchAccount(sid: Keys.twilioAccount) }
    },
    Scenario("security.stripeKey") { server in
        await attempt { try await server.stripe().getCustomersCustomer(customer: "cus_Conformance1") }
    },
    Scenario("security.petstoreKey") { server in
        await attempt { try await server.petstore().getPetByID(petID: 7) }
    },
    // A 401 with `WWW-Authenticate: Basic` (no credential sent) comes back as an error. On Linux,
    // swift-corelibs-foundation's URLSession waits for an answer to the challenge forever
    // (swiftlang/swift-corelibs-foundation#5456), hence the short time limit.
    Scenario("security.unauthorizedBasicAnswers", timeLimit: .seconds(5)) { server in
        await attempt { try await server.twilio(key: nil).fetchAccount(sid: Keys.twilioAccount) }
    },
    // The mirror of Anthropic's spec declares no security scheme, only an `x-api-key` header parameter.
    Scenario("security.anthropicKeyParameter") { server in
        await attempt { try await server.anthropic().betaMessageBatchesRetrieve2(messageBatchID: "msgbatch_01", xAPIKey: Keys.anthropic) }
    },

    // Pending: per-scheme credentials.

    // The configured key goes in `x-api-key` without being passed to each call.
    Scenario("security.anthropicConfiguredKeyPending") { server in
        await attempt {
            try await server.anthropic(key: Keys.anthropic).betaMessageBatchesRetrieve2(messageBatchID: "msgbatch_01")
        }
    },
    // The client takes the account SID and auth token and encodes them itself.
    Scenario("security.twilioUserAndPasswordPending", timeLimit: .seconds(5)) { server in
        await attempt {
            try await server.twilio(key: Keys.twilioAccount + ":" + Keys.twilioToken).fetchAccount(sid: Keys.twilioAccount)
        }
    },
    // Stripe documents basic (the key as the user, no password) and bearer: choose basic.
    Scenario("security.stripeBasicPending") { server in
        await attempt { try await server.stripe().getCustomersCustomer(customer: "cus_Conformance1") }
    },
    // getPetById takes petstore_auth (OAuth) or api_key: configured with an api_key only, only that header goes.
    Scenario("security.petstoreOnlyAPIKeyPending") { server in
        await attempt { try await server.petstore().getPetByID(petID: 7) }
    },
    // Without a credential, a call that needs one fails before anything is sent, naming the schemes it accepts.
    Scenario("security.missingCredentialPending", timeLimit: .seconds(5)) { server in
        var fields = await attempt { try await server.stripe(key: nil).getCustomersCustomer(customer: "cus_1") }
        let received = await server.requestCount()
        fields["requestsReceived"] = received.map { Report($0) } ?? .null
        return fields
    },
]
