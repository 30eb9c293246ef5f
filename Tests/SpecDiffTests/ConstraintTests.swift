import SpecDiff
import SpecParser
import Testing

/// Defaults and validation constraints. A constraint that lets fewer values
/// through can fail a caller's request; one that lets more through can
/// surprise a caller reading a response.
struct ConstraintTests {
    static func request(_ name: String) -> String {
        requestSpec("{type: object, properties: {name: \(name)}}")
    }

    static func response(_ name: String) -> String {
        responseSpec("{type: object, properties: {name: \(name)}}")
    }

    static let requestName = requestSchema + "/properties/name"
    static let responseName = responseSchema + "/properties/name"

    @Test func changedDefaultIsAWarningEitherWay() throws {
        let old = "{type: string, default: cat}"
        let new = "{type: string, default: dog}"
        let request = try diff(Self.request(old), Self.request(new))
        #expect(request.rows == ["default-changed warning request [POST /pets] \(Self.requestName)"])
        #expect(request.first?.message == "property 'name' default changed from cat to dog")
        #expect(try diff(Self.response(old), Self.response(new)).rows
            == ["default-changed warning response [GET /pets] \(Self.responseName)"])
        #expect(try diff(Self.request("{type: string}"), Self.request(new)).first?.message
            == "property 'name' default changed from none to dog")
    }

    @Test func tighterRequestConstraintIsBreaking() throws {
        let changes = try diff(Self.request("{type: string, maxLength: 10}"), Self.request("{type: string, maxLength: 5}"))
        #expect(changes.rows == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
        #expect(changes.first?.message == "property 'name': maxLength changed from 10 to 5")
        #expect(try diff(Self.request("{type: integer}"), Self.request("{type: integer, minimum: 1}")).rows
            == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
        #expect(try diff(Self.request("{type: array, items: {type: string}}"), Self.request("{type: array, items: {type: string}, uniqueItems: true}")).rows
            == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
    }

    @Test func looserRequestConstraintIsInfo() throws {
        let changes = try diff(Self.request("{type: string, maxLength: 10}"), Self.request("{type: string, maxLength: 20}"))
        #expect(changes.rows == ["constraint-changed info request [POST /pets] \(Self.requestName)"])
        #expect(try diff(Self.request("{type: integer, minimum: 1}"), Self.request("{type: integer, minimum: 0}")).rows
            == ["constraint-changed info request [POST /pets] \(Self.requestName)"])
        #expect(try diff(Self.request("{type: integer, maximum: 10}"), Self.request("{type: integer}")).rows
            == ["constraint-changed info request [POST /pets] \(Self.requestName)"])
    }

    @Test func looserResponseConstraintIsAWarning() throws {
        let changes = try diff(Self.response("{type: integer, maximum: 10}"), Self.response("{type: integer, maximum: 100}"))
        #expect(changes.rows == ["constraint-changed warning response [GET /pets] \(Self.responseName)"])
        #expect(changes.first?.message == "property 'name': maximum changed from 10 to 100")
    }

    @Test func tighterResponseConstraintIsInfo() throws {
        #expect(try diff(Self.response("{type: string}"), Self.response("{type: string, minLength: 1}")).rows
            == ["constraint-changed info response [GET /pets] \(Self.responseName)"])
    }

    @Test func changedPatternCannotBeOrderedSoItCountsAgainstTheCaller() throws {
        #expect(try diff(Self.request("{type: string, pattern: '^[a-z]+$'}"), Self.request("{type: string, pattern: '^[a-z0-9]+$'}")).rows
            == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
        #expect(try diff(Self.response("{type: string, pattern: '^[a-z]+$'}"), Self.response("{type: string, pattern: '^[a-z0-9]+$'}")).rows
            == ["constraint-changed warning response [GET /pets] \(Self.responseName)"])
        #expect(try diff(Self.request("{type: string}"), Self.request("{type: string, pattern: '^[a-z]+$'}")).first?.message
            == "property 'name': pattern changed from none to ^[a-z]+$")
    }

    @Test func everyChangedConstraintIsReported() throws {
        let changes = try diff(Self.request("{type: string, minLength: 1, maxLength: 10}"),
                               Self.request("{type: string, minLength: 2, maxLength: 20}"))
        #expect(changes.map(\.severity) == [.breaking, .info])
        #expect(changes.map(\.message) == [
            "property 'name': minLength changed from 1 to 2",
            "property 'name': maxLength changed from 10 to 20",
        ])
    }

    @Test func propertyCountBoundsAreConstraintsToo() throws {
        let changes = try diff(Self.request("{type: object, additionalProperties: {type: string}, maxProperties: 5}"),
                               Self.request("{type: object, additionalProperties: {type: string}, maxProperties: 3}"))
        #expect(changes.rows == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
    }

    @Test func sameNumberWrittenDifferentlyIsNoChange() throws {
        #expect(try diff(Self.request("{type: number, minimum: 1}"), Self.request("{type: number, minimum: 1.0}")).isEmpty)
    }
}

extension ConstraintTests {
    @Test func changedMultipleOfIsNeitherTighterNorLooser() throws {
        #expect(try diff(Self.request("{type: integer, multipleOf: 2}"), Self.request("{type: integer, multipleOf: 3}")).rows
            == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
        #expect(try diff(Self.response("{type: integer, multipleOf: 2}"), Self.response("{type: integer, multipleOf: 3}")).rows
            == ["constraint-changed warning response [GET /pets] \(Self.responseName)"])
        #expect(try diff(Self.request("{type: integer, multipleOf: 2}"), Self.request("{type: integer}")).rows
            == ["constraint-changed info request [POST /pets] \(Self.requestName)"])
    }

    @Test func exclusiveBoundsOfBothVersions() throws {
        // 3.0's boolean beside `minimum` and 3.1's number are the same bound.
        let bound30 = Self.request("{type: number, minimum: 0, exclusiveMinimum: true}")
            .replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 3.0.3")
        let bound31 = Self.request("{type: number, minimum: 0, exclusiveMinimum: 0}")
        #expect(try diff(bound30, bound31).rows == [])
        #expect(try diff(bound31, Self.request("{type: number, minimum: 0, exclusiveMinimum: 1}")).rows
            == ["constraint-changed breaking request [POST /pets] \(Self.requestName)"])
    }
}
