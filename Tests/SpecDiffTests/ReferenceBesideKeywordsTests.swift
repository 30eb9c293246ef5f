import SpecDiff
import SpecParser
import Testing

/// A `$ref` beside other keywords (OpenAPI 3.1): the target is followed.
struct ReferenceBesideKeywordsTests {
    static func components(_ kind: String) -> String {
        """
        components:
          schemas:
            Kind: {type: string, enum: [\(kind)]}
            Item:
              type: object
              required: [id]
              properties:
                id: {type: string}

        """
    }

    /// The minimal pair: a change in the target, through a
    /// reference with a title and a restated type, is a change.
    @Test func changeInsideTheTargetIsReported() throws {
        let schema = "{type: string, title: Kind, $ref: '#/components/schemas/Kind'}"
        let changes = try diff(responseSpec(schema, components: Self.components("a, b")),
                               responseSpec(schema, components: Self.components("a, b, c")))
        #expect(changes.rows == ["enum-value-added warning response [GET /pets] /components/schemas/Kind"])
    }

    /// Changes in the target are reported once, where the target is.
    @Test func objectTargetIsComparedWhereItIs() throws {
        let schema = "{type: object, title: Item, $ref: '#/components/schemas/Item'}"
        let old = responseSpec(schema, components: Self.components("a"))
        let new = responseSpec(schema, components: Self.components("a").replacingOccurrences(of: "id: {type: string}", with: "id: {type: integer}"))
        #expect(try diff(old, new).rows == ["type-changed breaking response [GET /pets] /components/schemas/Item/properties/id"])
    }

    /// Keywords that constrain beside the reference apply with it: both are compared.
    @Test func constrainingKeywordsBesideTheReference() throws {
        let plain = requestSpec("{$ref: '#/components/schemas/Kind'}", components: Self.components("a, b"))
        let limited = requestSpec("{$ref: '#/components/schemas/Kind', maxLength: 1}", components: Self.components("a, b"))
        #expect(try diff(plain, limited).rows == ["constraint-changed breaking request [POST /pets] \(requestSchema)"])
        let both = requestSpec("{$ref: '#/components/schemas/Kind', maxLength: 1}", components: Self.components("a"))
        #expect(try diff(limited, both).rows == ["enum-value-removed breaking request [POST /pets] /components/schemas/Kind"])
    }
}
