import SpecDiff
import SpecParser
import Testing

/// The JSON Schema 2020-12 keywords a client's decoding depends on (`const`,
/// `prefixItems`, `additionalProperties`, `patternProperties`), and types
/// that widen or narrow.
struct SchemaKeywordTests {
    @Test func constSetChangedAndDropped() throws {
        #expect(try diff(requestSpec("{type: string}"), requestSpec("{type: string, const: pet}")).rows
                == ["const-changed breaking request [POST /pets] \(requestSchema)"])
        #expect(try diff(responseSpec("{type: string}"), responseSpec("{type: string, const: pet}")).rows
                == ["const-changed info response [GET /pets] \(responseSchema)"])
        let changed = try diff(responseSpec("{type: string, const: pet}"), responseSpec("{type: string, const: animal}"))
        #expect(changed.rows == ["const-changed breaking response [GET /pets] \(responseSchema)"])
        #expect(changed.first?.message == "the 200 response changed its const from 'pet' to 'animal'")
        #expect(try diff(responseSpec("{type: string, const: pet}"), responseSpec("{type: string}")).rows
                == ["const-changed warning response [GET /pets] \(responseSchema)"])
    }

    @Test func prefixItemsPositionsAndTheirSchemas() throws {
        let pair = "{type: array, prefixItems: [{type: number}, {type: number}]}"
        let triple = "{type: array, prefixItems: [{type: number}, {type: number}, {type: number}]}"
        #expect(try diff(requestSpec(pair), requestSpec(triple)).rows == ["prefix-items-changed breaking request [POST /pets] \(requestSchema)/prefixItems"])
        #expect(try diff(responseSpec(pair), responseSpec(triple)).rows == ["prefix-items-changed warning response [GET /pets] \(responseSchema)/prefixItems"])
        #expect(try diff(requestSpec(pair), requestSpec("{type: array, prefixItems: [{type: number}, {type: string}]}")).rows
                == ["type-changed breaking request [POST /pets] \(requestSchema)/prefixItems/1"])
    }

    @Test func additionalPropertiesTighterAndLooser() throws {
        let open = "{type: object, properties: {a: {type: string}}}"
        let closed = "{type: object, properties: {a: {type: string}}, additionalProperties: false}"
        let typed = "{type: object, properties: {a: {type: string}}, additionalProperties: {type: integer}}"
        #expect(try diff(requestSpec(open), requestSpec(closed)).rows
                == ["additional-properties-changed breaking request [POST /pets] \(requestSchema)/additionalProperties"])
        #expect(try diff(responseSpec(open), responseSpec(closed)).rows
                == ["additional-properties-changed info response [GET /pets] \(responseSchema)/additionalProperties"])
        #expect(try diff(responseSpec(closed), responseSpec(typed)).rows
                == ["additional-properties-changed warning response [GET /pets] \(responseSchema)/additionalProperties"])
        #expect(try diff(requestSpec(closed), requestSpec(closed.replacingOccurrences(of: "false", with: "{}"))).rows
                == ["additional-properties-changed info request [POST /pets] \(requestSchema)/additionalProperties"])
        // `{}` and nothing admit the same.
        #expect(try diff(requestSpec(open), requestSpec(closed.replacingOccurrences(of: "false", with: "{}"))).isEmpty)
        #expect(try diff(requestSpec(typed), requestSpec(typed.replacingOccurrences(of: "integer", with: "string"))).rows
                == ["type-changed breaking request [POST /pets] \(requestSchema)/additionalProperties"])
    }

    @Test func patternPropertiesAddedRemovedAndCompared() throws {
        let none = "{type: object}"
        let some = "{type: object, patternProperties: {'^x-': {type: string}}}"
        #expect(try diff(requestSpec(none), requestSpec(some)).rows
                == ["pattern-properties-changed breaking request [POST /pets] \(requestSchema)/patternProperties/^x-"])
        #expect(try diff(responseSpec(some), responseSpec(none)).rows
                == ["pattern-properties-changed warning response [GET /pets] \(responseSchema)/patternProperties/^x-"])
        #expect(try diff(requestSpec(some), requestSpec(some.replacingOccurrences(of: "string", with: "integer"))).rows
                == ["type-changed breaking request [POST /pets] \(requestSchema)/patternProperties/^x-"])
    }

    /// A request that accepts more types, or a response that returns fewer,
    /// fails nobody; the other way round breaks.
    @Test func typesThatWidenOrNarrow() throws {
        #expect(try diff(requestSpec("{type: integer}"), requestSpec("{type: number}")).rows
                == ["type-changed info request [POST /pets] \(requestSchema)"])
        #expect(try diff(requestSpec("{type: string}"), requestSpec("{type: [string, integer]}")).rows
                == ["type-changed info request [POST /pets] \(requestSchema)"])
        #expect(try diff(responseSpec("{type: number}"), responseSpec("{type: integer}")).rows
                == ["type-changed info response [GET /pets] \(responseSchema)"])
        #expect(try diff(responseSpec("{type: integer}"), responseSpec("{type: number}")).rows
                == ["type-changed breaking response [GET /pets] \(responseSchema)"])
        #expect(try diff(requestSpec("{type: string}"), requestSpec("{type: integer}")).rows
                == ["type-changed breaking request [POST /pets] \(requestSchema)"])
    }
}
