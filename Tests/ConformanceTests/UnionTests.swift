import Testing

extension ConformanceSlowTests {
    /// Unions and enums in responses, including what a newer server sends:
    /// the pets client is generated from Specs/pets-v1.yaml and calls a mock
    /// of Specs/pets-v2.yaml.
    @Suite struct UnionTests {
        /// The mock answers the first variant that fits, a guild channel.
        @Test(.needsMock) func discordChannelIsOneOfFourObjects() async throws {
            let seen = try await Conformance.observation("unions.discordChannel")
            try seen.expectSuccess()
            #expect(seen["case"] == "guildChannelResponse", "\(seen)")
        }

        @Test func anthropicContentBlocksDecode() async throws {
            let seen = try await Conformance.observation("unions.anthropicContentBlocks")
            try seen.expectSuccess()
            let cases = try #require(seen["blockCases"]?.array, "\(seen)")
            #expect(!cases.isEmpty)
            #expect(cases.allSatisfy { $0.string != nil }, "\(cases)")
        }

        /// Version 2 added the coat `calico` and the property `microchip`: the value decodes, the new coat
        /// as `.undocumented("calico")`, and the unknown property is ignored.
        @Test(.needsMock) func aNewEnumValueAndPropertyDecode() async throws {
            let seen = try await Conformance.observation("unions.unknownEnumValue")
            try seen.expectSuccess()
            #expect(seen["coatCase"] == "undocumented", "\(seen)")
            #expect(seen["value"] == ["kind": "cat", "name": "Tom", "coat": "calico"], "\(seen)")
        }

        /// Open unions: version 2 added the pet kind `bird`; the call succeeds with the `undocumented` case,
        /// which keeps the JSON (and encodes it back as it came).
        @Test(.needsMock) func aNewUnionVariantDecodes() async throws {
            let seen = try await Conformance.observation("unions.unknownVariant")
            try seen.expectSuccess()
            #expect(seen["case"] == "undocumented", "\(seen)")
            #expect(seen["value", "kind"] == "bird", "\(seen)")
            #expect(seen["value", "wingspan"] == 21, "\(seen)")
        }
    }
}
