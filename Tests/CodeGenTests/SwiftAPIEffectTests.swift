import CodeGen
import SpecDiff
import SpecParser
import Testing

/// What a spec change does to the generated Swift API, one kind of change
/// each: a small spec in, the exact effects (`bump kind symbol`) and the
/// version bump out, and the spec changes each effect is linked to.
@Suite struct SwiftAPIEffectTests {
    static let base = """
        openapi: 3.1.0
        info: {title: Pets, version: '1'}
        servers: [{url: 'https://example.com'}]
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, schema: {type: integer}}
              responses:
                '200':
                  description: ok
                  content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
            post:
              operationId: createPet
              requestBody:
                required: true
                content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}
              responses:
                '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id: {type: integer}
                name: {type: string}
                kind: {$ref: '#/components/schemas/Kind'}
            Kind: {type: string, enum: [cat, dog]}
            NewPet:
              type: object
              required: [name]
              properties:
                name: {type: string}
        """

    /// The review of `old` changed into `new`, and the spec changes by id.
    static func review(_ new: String, from old: String = base) throws -> (SwiftAPIReview, [String: SpecChange]) {
        let oldDocument = try #require(SpecLoader.load(text: old, file: "old.yml").document)
        let newDocument = try #require(SpecLoader.load(text: new, file: "new.yml").document)
        let outcome = SwiftAPIComparer(options: .init(clientName: "Client")).outcome(old: oldDocument, new: newDocument)
        let review = try #require(outcome.swiftAPI)
        #expect(review.unavailable == nil)
        return (review, Dictionary(outcome.changes.map { ($0.fingerprint, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// `base` with `old` replaced by `new` (which must be there).
    static func changed(_ old: String, _ new: String) -> String {
        precondition(base.contains(old), "not in the base spec: \(old)")
        return base.replacingOccurrences(of: old, with: new)
    }

    /// `bump kind symbol` of each effect.
    static func lines(_ review: SwiftAPIReview) -> [String] {
        review.effects.map { "\($0.bump.rawValue) \($0.kind.rawValue) \($0.symbol)" }
    }

    /// The rule ids of the spec changes linked to the effect on `symbol`.
    static func rules(_ symbol: String, _ review: SwiftAPIReview, _ changes: [String: SpecChange]) -> Set<String> {
        Set(review.effects.filter { $0.symbol == symbol }.flatMap(\.changes).compactMap { changes[$0]?.rule })
    }

    @Test func theSameSpecChangesNothing() throws {
        let (review, _) = try Self.review(Self.base)
        #expect(review.effects.isEmpty)
        #expect(review.bump == .patch)
        #expect(review.changesWithoutEffect.isEmpty)
    }

    @Test func aDescriptionIsAPatch() throws {
        let (review, _) = try Self.review(
            Self.changed("    Pet:\n      type: object", "    Pet:\n      description: A pet.\n      type: object"))
        #expect(review.effects.isEmpty)
        #expect(review.bump == .patch)
    }

    @Test func anEnumValueAddedIsACaseAddedAndMajor() throws {
        let (review, changes) = try Self.review(Self.changed("enum: [cat, dog]", "enum: [cat, dog, bird]"))
        #expect(Self.lines(review) == ["major case-added Kind.bird"])
        #expect(review.bump == .major)
        let effect = try #require(review.effects.first)
        #expect(effect.new == "case bird")
        // Reached from both operations, through Pet.
        #expect(effect.operations == ["GET /pets", "POST /pets"])
        #expect(Self.rules("Kind.bird", review, changes) == ["enum-value-added"])
    }

    @Test func anEnumValueRemovedIsACaseRemoved() throws {
        let (review, _) = try Self.review(Self.changed("enum: [cat, dog]", "enum: [cat]"))
        #expect(Self.lines(review) == ["major removed Kind.dog"])
    }

    @Test func anOptionalPropertyIsAMemberAndADefaultedArgument() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "        name: {type: string}\n        kind:",
                "        name: {type: string}\n        tag: {type: string}\n        kind:"))
        #expect(
            Self.lines(review) == [
                "minor argument-added Pet.init(id:name:tag:kind:)",
                "minor added Pet.tag",
            ])
        #expect(review.bump == .minor)
        #expect(review.effects.first?.message.contains("tag: String? = nil") == true)
    }

    @Test func aRequiredRequestPropertyIsARequiredArgument() throws {
        let (review, changes) = try Self.review(
            Self.changed(
                "      required: [name]\n      properties:\n        name: {type: string}",
                "      required: [name, age]\n      properties:\n        name: {type: string}\n        age: {type: integer}"
            ))
        #expect(
            Self.lines(review) == [
                "major argument-added NewPet.init(name:age:)",
                "minor added NewPet.age",
            ])
        #expect(review.bump == .major)
        #expect(review.forcingEffects.map(\.symbol) == ["NewPet.init(name:age:)"])
        #expect(Self.rules("NewPet.age", review, changes).allSatisfy { $0.hasPrefix("request-property") })
    }

    @Test func aPropertyRemovedIsMajor() throws {
        let (review, _) = try Self.review(Self.changed("        kind: {$ref: '#/components/schemas/Kind'}\n", ""))
        #expect(
            Self.lines(review) == [
                "major argument-removed Pet.init(id:name:)",
                "major removed Pet.kind",
            ])
    }

    @Test func aRetypedPropertyChangesTheMemberAndTheArgument() throws {
        let (review, _) = try Self.review(Self.changed("id: {type: integer}", "id: {type: string}"))
        #expect(
            Self.lines(review) == [
                "major type-changed Pet.id",
                "major argument-changed Pet.init(id:name:kind:)",
            ])
        #expect(review.effects.first?.old == "public var id: Int")
        #expect(review.effects.first?.new == "public var id: String")
    }

    @Test func aResponsePropertyMadeOptionalIsMajorForReadersAndMinorForCallers() throws {
        let (review, _) = try Self.review(Self.changed("required: [id, name]", "required: [id]"))
        #expect(
            Self.lines(review) == [
                "major type-changed Pet.name",
                "minor argument-changed Pet.init(id:name:kind:)",
            ])
        #expect(review.effects.first?.message.contains("is now optional") == true)
    }

    @Test func aRequiredQueryParameterIsARequiredArgument() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "        - {name: limit, in: query, schema: {type: integer}}",
                "        - {name: limit, in: query, schema: {type: integer}}\n"
                    + "        - {name: owner, in: query, required: true, schema: {type: string}}"))
        #expect(Self.lines(review) == ["major argument-added Client.listPets(limit:owner:)"])
        #expect(review.effects.first?.operations == ["GET /pets"])
    }

    @Test func anOptionalQueryParameterIsAMinorArgument() throws {
        let (review, changes) = try Self.review(
            Self.changed(
                "        - {name: limit, in: query, schema: {type: integer}}",
                "        - {name: limit, in: query, schema: {type: integer}}\n"
                    + "        - {name: owner, in: query, schema: {type: string}}"))
        #expect(Self.lines(review) == ["minor argument-added Client.listPets(limit:owner:)"])
        #expect(Self.rules("Client.listPets(limit:owner:)", review, changes) == ["parameter-added"])
    }

    @Test func anOperationRemovedRemovesItsMethod() throws {
        let post = Self.base[
            Self.base.range(of: "    post:")!.lowerBound..<Self.base.range(of: "components:")!.lowerBound]
        let (review, changes) = try Self.review(Self.changed(String(post), ""))
        #expect(Self.lines(review) == ["major removed Client.createPet(_:)"])
        #expect(Self.rules("Client.createPet(_:)", review, changes) == ["operation-removed"])
        // NewPet stays (a component schema), though nothing uses it now.
    }

    @Test func anOperationAddedIsAMinorMethod() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "components:",
                """
                  /pets/{id}:
                    get:
                      operationId: getPet
                      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                      responses:
                        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
                components:
                """))
        #expect(Self.lines(review) == ["minor added Client.getPet(id:)"])
        #expect(review.bump == .minor)
    }

    @Test func anOperationIdChangedRenamesTheMethod() throws {
        let (review, changes) = try Self.review(Self.changed("operationId: listPets", "operationId: fetchPets"))
        #expect(Self.lines(review) == ["major renamed Client.fetchPets(limit:)"])
        let effect = try #require(review.effects.first)
        #expect(effect.oldSymbol == "Client.listPets(limit:)")
        #expect(effect.message.contains("operationId listPets is now fetchPets"))
        #expect(Self.rules("Client.fetchPets(limit:)", review, changes) == ["operation-id-changed"])
    }

    @Test func aDeprecatedOperationIsMinorAndUndeprecatingIsAPatch() throws {
        let deprecated = Self.changed("operationId: listPets", "operationId: listPets\n      deprecated: true")
        let (review, _) = try Self.review(deprecated)
        #expect(Self.lines(review) == ["minor deprecated Client.listPets(limit:)"])
        let (back, _) = try Self.review(Self.base, from: deprecated)
        #expect(Self.lines(back) == ["patch deprecation-removed Client.listPets(limit:)"])
        #expect(back.bump == .patch)
    }

    @Test func aDeprecatedPropertyAndSchemaDeprecateTheirDeclarations() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "        name: {type: string}\n        kind:",
                "        name: {type: string, deprecated: true}\n        kind:"
            )
            .replacingOccurrences(
                of: "    NewPet:\n      type: object", with: "    NewPet:\n      deprecated: true\n      type: object"))
        // Types in name order: NewPet, then Pet.
        #expect(Self.lines(review) == ["minor deprecated NewPet.init(name:)", "minor deprecated Pet.name"])
        #expect(review.effects.last?.message.contains("property Pet.name is now deprecated") == true)
    }

    /// A required writeOnly property: optional to read (answers leave it out), required to make.
    @Test func aRequiredPropertyMadeWriteOnlyIsOptionalToReadAndStillRequiredToMake() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "        name: {type: string}\n        kind:",
                "        name: {type: string, writeOnly: true}\n        kind:"))
        #expect(Self.lines(review) == ["major type-changed Pet.name"])
        #expect(review.effects.first?.new == "public var name: String?")
    }

    @Test func aNewSchemaIsOneAdditionNotOnePerMember() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "    Kind: {type: string, enum: [cat, dog]}",
                "    Kind: {type: string, enum: [cat, dog]}\n    Owner: {type: object, properties: {name: {type: string}}}\n"
                    + "    Size: {type: string, enum: [small, large]}"))
        #expect(Self.lines(review) == ["minor added Owner", "minor added Size"])
    }

    @Test func aSchemaRemovedIsOneRemoval() throws {
        let withOwner = Self.changed(
            "    Kind: {type: string, enum: [cat, dog]}",
            "    Kind: {type: string, enum: [cat, dog]}\n    Owner: {type: object, properties: {name: {type: string}}}")
        let (review, _) = try Self.review(Self.base, from: withOwner)
        #expect(Self.lines(review) == ["major removed Owner"])
    }

    @Test func aDocumentedResponseWithAnotherBodyMakesAnOutcomeEnum() throws {
        let (review, _) = try Self.review(
            Self.changed(
                "        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
                "        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n"
                    + "        '202': {description: queued}"))
        #expect(
            Self.lines(review) == [
                "major type-changed Client.createPet(_:)",
                "minor added CreatePetOutcome",
            ])
    }

    @Test func effectsAndChangesAreLinkedOnlyWhereTheyMeet() throws {
        // Two unrelated changes: a parameter of one operation, a value of a schema.
        let (review, changes) = try Self.review(
            Self.changed("enum: [cat, dog]", "enum: [cat, dog, bird]").replacingOccurrences(
                of: "        - {name: limit, in: query, schema: {type: integer}}",
                with: "        - {name: limit, in: query, schema: {type: integer}}\n"
                    + "        - {name: owner, in: query, schema: {type: string}}"))
        #expect(Self.rules("Kind.bird", review, changes) == ["enum-value-added"])
        #expect(Self.rules("Client.listPets(limit:owner:)", review, changes) == ["parameter-added"])
        #expect(review.changesWithoutEffect.isEmpty)
    }

    @Test func aChangeOfAPropertyExplainsTheEffectsOnThatProperty() throws {
        let (review, changes) = try Self.review(
            Self.changed("id: {type: integer}", "id: {type: string}").replacingOccurrences(
                of: "        name: {type: string}\n        kind:",
                with: "        name: {type: string}\n        tag: {type: string}\n        kind:"))
        #expect(
            Self.lines(review) == [
                "major type-changed Pet.id",
                "major argument-changed Pet.init(id:name:tag:kind:)",
                "minor argument-added Pet.init(id:name:tag:kind:)",
                "minor added Pet.tag",
            ])
        let links = review.effects.map { effect in effect.changes.compactMap { changes[$0]?.rule } }
        #expect(
            links == [
                ["type-changed"], ["type-changed"], ["response-property-added"], ["response-property-added"],
            ])
        #expect(review.effects.map(\.argument) == [nil, "id", "tag", nil])
    }

    @Test func aStatusWhoseBodyTheCallAlreadyReturnsHasNoEffect() throws {
        let created =
            "        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}"
        let (review, changes) = try Self.review(
            Self.changed(
                created,
                created + "\n"
                    + created.replacingOccurrences(of: "'201': {description: created", with: "'200': {description: ok"))
        )
        #expect(review.effects.isEmpty)
        #expect(review.changesWithoutEffect.compactMap { changes[$0]?.rule } == ["response-status-added"])
    }

    /// Server variables and a first security scheme change the client itself.
    @Test func serversAndSecurityChangeTheClient() throws {
        let secured = Self.changed(
            "servers: [{url: 'https://example.com'}]",
            "servers: [{url: 'https://{region}.example.com', variables: {region: {default: us, enum: [us, eu]}}}]\n"
                + "security: [{key: []}]"
        ).replacingOccurrences(
            of: "components:\n",
            with: "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n")
        let (review, _) = try Self.review(secured)
        // Without schemes, SecurityScheme is a struct with no values; with one, an enum.
        #expect(
            Self.lines(review) == [
                "major declaration-changed Client.SecurityScheme",
                "major argument-changed Client.init(credentials:baseURL:timeout:transport:)",
                "major case-added Client.SecurityScheme.key",
                "minor added Client.server(region:)",
                "minor added Client.ServerRegion",
                "minor added Client.init(apiKey:baseURL:timeout:transport:)",
            ])
        #expect(
            review.effects.first { $0.kind == .argumentChanged }?.message.contains("no longer has a default") == true)
        // Its written-out rawValue and allCases are now the compiler's (RawRepresentable,
        // CaseIterable): code that reads them still compiles.
        #expect(!review.effects.contains { $0.symbol == "Client.SecurityScheme.rawValue" })
        #expect(!review.effects.contains { $0.symbol == "Client.SecurityScheme.allCases" })
        // And back: the last scheme removed.
        let (reverse, _) = try Self.review(Self.base, from: secured)
        #expect(reverse.effects.contains { $0.symbol == "Client.SecurityScheme.key" && $0.kind == .removed })
        #expect(!reverse.effects.contains { $0.symbol.hasPrefix("Client.SecurityScheme.") && $0.kind == .added })
    }

    @Test func aChangeOnTheWireOnlyHasNoEffect() throws {
        let (review, changes) = try Self.review(
            Self.changed("name: {type: string}\n        kind", "name: {type: string, maxLength: 20}\n        kind"))
        #expect(review.effects.isEmpty)
        #expect(review.bump == .patch)
        #expect(review.changesWithoutEffect.compactMap { changes[$0]?.rule } == ["constraint-changed"])
    }

    @Test func aSpecTheGeneratorRefusesMakesTheReviewUnavailable() throws {
        let old = try #require(SpecLoader.load(text: Self.base).document)
        let review = SwiftAPIComparer(options: .init(clientName: "Client")).review(
            old: old, new: old, changes: [], newHasErrors: true)
        #expect(review.unavailable?.contains("NEW has errors") == true)
        #expect(review.effects.isEmpty)
    }
}
