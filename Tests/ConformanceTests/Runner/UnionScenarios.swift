import AnthropicClient
import DiscordClient
import Foundation
import PetsClient

/// Unions (`oneOf` / `anyOf`) and enums in responses, including values a
/// newer server sends that the client's spec does not list: the pets client
/// is generated from version 1 of its spec and calls a server of version 2
/// (Specs/pets-v1.yaml, pets-v2.yaml). `UnionTests` reads them.
let unionScenarios: [Scenario] = [
    // Discord's channel is one of four object types; the mock answers the first that fits.
    Scenario("unions.discordChannel") { server in
        await attempt {
            try await server.discord().getChannel(channelID: "1234567890123456789")
        } inspect: { channel in
            ["case": Report(caseName(of: channel))]
        }
    },
    // A message's content is an array of blocks, a union on `type`.
    Scenario("unions.anthropicContentBlocks") { server in
        await attempt {
            try await server.anthropic().messagesPost(
                request: .init(
                    model: .string("claude-sonnet-4-5"), messages: [.init(role: .user, content: .string("Hi"))],
                    maxTokens: 16))
        } inspect: { message in
            ["blockCases": .array(message.content.map { Report(caseName(of: $0)) })]
        }
    },
    // Version 2 added the coat `calico` and the property `microchip`.
    Scenario("unions.unknownEnumValue", needsMock: true) { server in
        await attempt {
            try await server.pets().getCat(id: "tom")
        } inspect: { cat in
            ["coatCase": Report(cat.coat.flatMap { caseName(of: $0) })]
        }
    },

    // Version 2 added the pet kind `bird`: the call succeeds, and the value says it is undocumented and keeps
    // its JSON.
    Scenario("unions.unknownVariant", needsMock: true) { server in
        await attempt {
            try await server.pets().getPet(id: "tweety")
        } inspect: { pet in
            ["case": Report(caseName(of: pet))]
        }
    },
]
