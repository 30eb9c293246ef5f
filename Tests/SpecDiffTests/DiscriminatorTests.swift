import SpecDiff
import SpecParser
import Testing

/// Discriminators: the property that names a union's branch, and its mapping.
struct DiscriminatorTests {
    static let animals = """
        components:
          schemas:
            Cat: {type: object, properties: {kind: {type: string}, meows: {type: boolean}}}
            Dog: {type: object, properties: {kind: {type: string}, barks: {type: boolean}}}

        """

    static func union(_ discriminator: String?) -> String {
        let branches = "oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]"
        return "{\(branches)\(discriminator.map { ", discriminator: \($0)" } ?? "")}"
    }

    static let byKind = "{propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}"

    @Test func discriminatorAddedIsInfoAndRemovedAWarning() throws {
        #expect(try diff(responseSpec(Self.union(nil), components: Self.animals), responseSpec(Self.union(Self.byKind), components: Self.animals)).rows
                == ["discriminator-added info response [GET /pets] \(responseSchema)"])
        #expect(try diff(responseSpec(Self.union(Self.byKind), components: Self.animals), responseSpec(Self.union(nil), components: Self.animals)).rows
                == ["discriminator-removed warning response [GET /pets] \(responseSchema)"])
    }

    @Test func otherPropertyIsBreaking() throws {
        let other = Self.byKind.replacingOccurrences(of: "propertyName: kind", with: "propertyName: type")
        let changes = try diff(requestSpec(Self.union(Self.byKind), components: Self.animals), requestSpec(Self.union(other), components: Self.animals))
        #expect(changes.rows == ["discriminator-property-changed breaking request [POST /pets] \(requestSchema)"])
        #expect(changes.first?.message == "the request body is told apart by 'type' instead of 'kind'")
    }

    @Test func mappingValuesAddedRemovedAndRetargeted() throws {
        let onlyCat = "{propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}"
        #expect(try diff(responseSpec(Self.union(onlyCat), components: Self.animals), responseSpec(Self.union(Self.byKind), components: Self.animals)).rows
                == ["discriminator-mapping-added warning response [GET /pets] \(responseSchema)"])
        #expect(try diff(requestSpec(Self.union(onlyCat), components: Self.animals), requestSpec(Self.union(Self.byKind), components: Self.animals)).rows
                == ["discriminator-mapping-added info request [POST /pets] \(requestSchema)"])
        #expect(try diff(requestSpec(Self.union(Self.byKind), components: Self.animals), requestSpec(Self.union(onlyCat), components: Self.animals)).rows
                == ["discriminator-mapping-removed breaking request [POST /pets] \(requestSchema)"])
        let swapped = "{propertyName: kind, mapping: {cat: '#/components/schemas/Dog', dog: '#/components/schemas/Cat'}}"
        let changes = try diff(responseSpec(Self.union(Self.byKind), components: Self.animals), responseSpec(Self.union(swapped), components: Self.animals))
        #expect(changes.map(\.message) == [
            "the 200 response maps the 'kind' value 'cat' to Dog instead of Cat",
            "the 200 response maps the 'kind' value 'dog' to Cat instead of Dog",
        ])
        #expect(Set(changes.map(\.rule)) == ["discriminator-mapping-changed"])
    }
}
