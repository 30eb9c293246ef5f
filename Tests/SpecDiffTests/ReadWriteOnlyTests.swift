import SpecDiff
import SpecParser
import Testing

/// `readOnly` properties are not sent in requests, `writeOnly` ones not
/// returned in responses: each side compares what travels on it.
struct ReadWriteOnlyTests {
    static func object(_ id: String, required: Bool = false) -> String {
        "{type: object, properties: {id: \(id), name: {type: string}}\(required ? ", required: [id]" : "")}"
    }

    @Test func becomingReadOnlyBreaksRequests() throws {
        let changes = try diff(requestSpec(Self.object("{type: string}")), requestSpec(Self.object("{type: string, readOnly: true}")))
        #expect(changes.rows == ["property-became-read-only breaking request [POST /pets] \(requestSchema)/properties/id"])
        // A response is unaffected.
        #expect(try diff(responseSpec(Self.object("{type: string}")), responseSpec(Self.object("{type: string, readOnly: true}"))).isEmpty)
    }

    @Test func becomingWriteOnlyBreaksResponses() throws {
        #expect(try diff(responseSpec(Self.object("{type: string}")), responseSpec(Self.object("{type: string, writeOnly: true}"))).rows
                == ["property-became-write-only breaking response [GET /pets] \(responseSchema)/properties/id"])
        #expect(try diff(requestSpec(Self.object("{type: string}")), requestSpec(Self.object("{type: string, writeOnly: true}"))).isEmpty)
    }

    /// A required property that requests must now send.
    @Test func noLongerReadOnlyAndRequiredBreaksRequests() throws {
        let changes = try diff(requestSpec(Self.object("{type: string, readOnly: true}", required: true)),
                               requestSpec(Self.object("{type: string}", required: true)))
        #expect(changes.rows == ["property-no-longer-read-only breaking request [POST /pets] \(requestSchema)/properties/id"])
        #expect(try diff(requestSpec(Self.object("{type: string, readOnly: true}")), requestSpec(Self.object("{type: string}"))).rows
                == ["property-no-longer-read-only info request [POST /pets] \(requestSchema)/properties/id"])
        #expect(try diff(responseSpec(Self.object("{type: string, writeOnly: true}")), responseSpec(Self.object("{type: string}"))).rows
                == ["property-no-longer-write-only info response [GET /pets] \(responseSchema)/properties/id"])
    }

    /// A required readOnly property added to a schema is nothing a request sends.
    @Test func readOnlyPropertiesAreNotPartOfRequests() throws {
        let old = requestSpec("{type: object, properties: {name: {type: string}}}")
        let new = requestSpec("{type: object, properties: {name: {type: string}, id: {type: string, readOnly: true}}, required: [id]}")
        #expect(try diff(old, new).isEmpty)
        #expect(try diff(new, old).isEmpty)
        let response = try diff(responseSpec("{type: object, properties: {name: {type: string}}}"),
                                responseSpec("{type: object, properties: {name: {type: string}, secret: {type: string, writeOnly: true}}}"))
        #expect(response.isEmpty)
    }
}
