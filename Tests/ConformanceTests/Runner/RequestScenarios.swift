import AnthropicClient
import BoxClient
import DiscordClient
import Foundation
import OpenAIClient
import PetstoreClient
import StripeClient
import TwilioClient

/// One or two ordinary operations of each spec, with the kinds of argument
/// it takes (path, query and header parameters; JSON and form bodies): what
/// arrives on the wire, and the decoded answer. `RequestTests` reads them.
let requestScenarios: [Scenario] = [
    Scenario("openai.createEmbedding") { server in
        await attempt {
            try await server.openAI().createEmbedding(
                .init(
                    input: .stringList(["first line", "second line"]), model: .string("text-embedding-3-small"),
                    encodingFormat: .float, dimensions: 8))
        }
    },
    Scenario("openai.listModels") { server in
        await attempt { try await server.openAI().listModels() }
    },
    // A fine-tuned model's id has colons, and this one a slash and a space too.
    Scenario("openai.retrieveModel") { server in
        await attempt { try await server.openAI().retrieveModel(model: "ft:gpt-4o-mini:acme:custom/v1 2") }
    },
    Scenario("openai.createChatCompletion") { server in
        await attempt {
            try await server.openAI().createChatCompletion(
                .init(
                    temperature: 0.5,
                    messages: [
                        .systemMessage(.init(content: .string("Answer briefly."), role: .system)),
                        .userMessage(.init(content: .string("Hello"), role: .user)),
                    ],
                    model: .string("gpt-4o-mini"), maxCompletionTokens: 64))
        } inspect: { response in
            ["moderationInputCase": Report(response.moderation.flatMap { caseName(of: $0.input) })]
        }
    },
    Scenario("anthropic.createMessage") { server in
        await attempt {
            try await server.anthropic().messagesPost(
                anthropicVersion: "2023-06-01",
                request: .init(
                    model: .string("claude-sonnet-4-5"), messages: [.init(role: .user, content: .string("Hello"))],
                    maxTokens: 64, stopSequences: ["END"]))
        }
    },
    // The plain path of the batch list (the `?beta=true` twin is in `anthropic.listBatchesBeta`).
    Scenario("anthropic.listBatches") { server in
        await attempt { try await server.anthropic().betaMessageBatchesList2(limit: 5) }
    },
    // The path key has a query of its own (`/v1/messages/batches?beta=true`), and the call adds `limit`.
    Scenario("anthropic.listBatchesBeta") { server in
        await attempt { try await server.anthropic().betaMessageBatchesList(limit: 5) }
    },
    Scenario("stripe.listCustomers") { server in
        await attempt {
            try await server.stripe().getCustomers(
                email: "ada@example.com", expand: ["data.default_source", "data.tax"], limit: 3)
        }
    },
    Scenario("stripe.createCustomer") { server in
        await attempt {
            try await server.stripe().customers(
                .init(
                    address: .optionalFieldsAddress(
                        .init(city: "Paris", line1: "1 rue de Rivoli", postalCode: "75001")),
                    email: "ada@example.com", metadata: .stringMap(["plan": "pro", "seats": "3"]), name: "Ada Lovelace",
                    preferredLocales: ["fr", "en"]))
        }
    },
    Scenario("stripe.getCustomer") { server in
        await attempt { try await server.stripe().getCustomersCustomer(customer: "cus_Conformance1", expand: ["tax"]) }
    },
    Scenario("stripe.deleteCustomer") { server in
        await attempt { try await server.stripe().deleteCustomersCustomer(customer: "cus_Conformance1") }
    },
    Scenario("discord.getChannel") { server in
        await attempt { try await server.discord().getChannel(channelID: "1234567890123456789") }
    },
    Scenario("discord.createMessage") { server in
        await attempt {
            try await server.discord().createMessage(
                channelID: "1234567890123456789", request: .init(content: "Hello from the conformance suite"))
        }
    },
    Scenario("twilio.fetchAccount") { server in
        await attempt { try await server.twilio().fetchAccount(sid: Keys.twilioAccount) }
    },
    Scenario("twilio.createMessage") { server in
        await attempt {
            try await server.twilio().createMessage(
                accountSid: Keys.twilioAccount,
                request: .init(to: "+15551234567", from: "+15557654321", body: "Hi & bye = 100%"))
        }
    },
    // Query names with `<` and `>` (`DateSent<`), and a `+` in a value.
    Scenario("twilio.listMessages") { server in
        await attempt {
            try await server.twilio().listMessage(
                accountSid: Keys.twilioAccount, to: "+15551234567",
                dateSent2: Date(timeIntervalSince1970: 1_704_164_645), pageSize: 5)
        }
    },
    Scenario("box.getFile") { server in
        await attempt { try await server.box().getFilesID(fileID: "12345", fields: ["name", "size"]) }
    },
    // PostOAuth2Revoke says `required: [grant_type]` and has no such property.
    Scenario("box.revokeToken") { server in
        await attempt {
            try await server.box().oauth2Revoke(
                .init(clientID: "conformance-client", clientSecret: "conformance-secret", token: "conformance-token"))
            return "returned"
        }
    },
    Scenario("box.listFolderItems") { server in
        await attempt {
            try await server.box().getFoldersIDItems(folderID: "0", limit: 5, sort: .name, direction: .desc)
        }
    },
    Scenario("petstore.addPet") { server in
        await attempt {
            try await server.petstore().addPet(
                .init(id: 42, name: "Rex", photoURLs: ["https://example.com/rex.png"], status: .available))
        }
    },
    Scenario("petstore.getPet") { server in
        await attempt { try await server.petstore().getPetByID(petID: 7) }
    },
]
