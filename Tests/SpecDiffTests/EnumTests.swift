import SpecDiff
import SpecParser
import Testing

/// Enums, direction-aware: a caller sends request values and receives response values.
struct EnumTests {
    static func request(_ kind: String) -> String {
        requestSpec("{type: object, properties: {kind: \(kind)}}")
    }

    static func response(_ kind: String) -> String {
        responseSpec("{type: object, properties: {kind: \(kind)}}")
    }

    static let catDog = "{type: string, enum: [cat, dog]}"
    static let catDogBird = "{type: string, enum: [cat, dog, bird]}"
    static let cat = "{type: string, enum: [cat]}"
    static let anyString = "{type: string}"

    @Test func requestValueRemovedIsBreaking() throws {
        let changes = try diff(Self.request(Self.catDog), Self.request(Self.cat))
        #expect(changes.rows == ["enum-value-removed breaking request [POST /pets] \(requestSchema)/properties/kind"])
        #expect(try changes.only("enum-value-removed").message == "property 'kind' lost the value 'dog'")
    }

    @Test func requestValueAddedIsInfo() throws {
        let changes = try diff(Self.request(Self.catDog), Self.request(Self.catDogBird))
        #expect(changes.rows == ["enum-value-added info request [POST /pets] \(requestSchema)/properties/kind"])
        #expect(try changes.only("enum-value-added").message == "property 'kind' gained the value 'bird'")
    }

    @Test func responseValueAddedIsAWarning() throws {
        let changes = try diff(Self.response(Self.catDog), Self.response(Self.catDogBird))
        #expect(changes.rows == ["enum-value-added warning response [GET /pets] \(responseSchema)/properties/kind"])
        #expect(try changes.only("enum-value-added").message
            == "property 'kind' gained the value 'bird'; clients without open enums may fail to decode it")
    }

    @Test func responseValueRemovedIsInfo() throws {
        let changes = try diff(Self.response(Self.catDog), Self.response(Self.cat))
        #expect(changes.rows == ["enum-value-removed info response [GET /pets] \(responseSchema)/properties/kind"])
    }

    @Test func everyValueIsReportedOnItsOwn() throws {
        let changes = try diff(Self.request(Self.cat), Self.request("{type: string, enum: [dog, bird]}"))
        #expect(changes.map(\.message).sorted() == [
            "property 'kind' gained the value 'bird'",
            "property 'kind' gained the value 'dog'",
            "property 'kind' lost the value 'cat'",
        ])
    }

    @Test func reorderedValuesAreNoChange() throws {
        #expect(try diff(Self.request(Self.catDog), Self.request("{type: string, enum: [dog, cat]}")).isEmpty)
    }

    @Test func enumConstraintAddedOrRemoved() throws {
        #expect(try diff(Self.request(Self.anyString), Self.request(Self.catDog)).rows
            == ["enum-constraint-added breaking request [POST /pets] \(requestSchema)/properties/kind"])
        #expect(try diff(Self.response(Self.anyString), Self.response(Self.catDog)).rows
            == ["enum-constraint-added info response [GET /pets] \(responseSchema)/properties/kind"])
        #expect(try diff(Self.request(Self.catDog), Self.request(Self.anyString)).rows
            == ["enum-constraint-removed info request [POST /pets] \(requestSchema)/properties/kind"])
        #expect(try diff(Self.response(Self.catDog), Self.response(Self.anyString)).rows
            == ["enum-constraint-removed warning response [GET /pets] \(responseSchema)/properties/kind"])
    }

    @Test func quotingStyleOfValuesIsNoChange() throws {
        // `ON` and `'ON'` are the same text, whatever YAML 1.1 thought of the unquoted one.
        #expect(try diff(Self.request("{type: string, enum: [AUTO, ON, OFF]}"),
                         Self.request("{type: string, enum: [AUTO, 'ON', \"OFF\"]}")).isEmpty)
    }
}
