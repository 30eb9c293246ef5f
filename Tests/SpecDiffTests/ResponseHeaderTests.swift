import SpecDiff
import SpecParser
import Testing

/// Response headers: what callers read besides the body.
struct ResponseHeaderTests {
    /// `GET /pets` whose 200 response has `headers` (flow YAML entries).
    static func api(_ headers: String) -> String {
        spec("""
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: OK
                      headers: {\(headers)}

            """)
    }

    static let headers = "/paths/~1pets/get/responses/200/headers"
    static let rateLimit = "X-Rate-Limit: {required: true, schema: {type: integer}}"
    static let optionalRateLimit = "X-Rate-Limit: {schema: {type: integer}}"

    /// The case: removing a required response header printed "No API changes".
    @Test func requiredHeaderRemovedIsBreaking() throws {
        let changes = try diff(Self.api(Self.rateLimit), Self.api(""))
        #expect(changes.rows == ["response-header-removed breaking response [GET /pets] \(Self.headers)/X-Rate-Limit"])
        #expect(changes.first?.message == "the required header 'X-Rate-Limit' of the 200 response was removed")
        #expect(changes.first?.oldLocation == at("old.yml", 12, 35))
    }

    @Test func optionalHeaderRemovedIsAWarning() throws {
        #expect(try diff(Self.api(Self.optionalRateLimit), Self.api("")).rows
                == ["response-header-removed warning response [GET /pets] \(Self.headers)/X-Rate-Limit"])
    }

    @Test func headerAddedIsInfo() throws {
        #expect(try diff(Self.api(""), Self.api(Self.rateLimit)).rows
                == ["response-header-added info response [GET /pets] \(Self.headers)/X-Rate-Limit"])
    }

    @Test func headerThatBecameOptionalIsBreakingAndRequiredInfo() throws {
        #expect(try diff(Self.api(Self.rateLimit), Self.api(Self.optionalRateLimit)).rows
                == ["response-header-became-optional breaking response [GET /pets] \(Self.headers)/X-Rate-Limit"])
        #expect(try diff(Self.api(Self.optionalRateLimit), Self.api(Self.rateLimit)).rows
                == ["response-header-became-required info response [GET /pets] \(Self.headers)/X-Rate-Limit"])
    }

    /// Header names are case-insensitive; their schemas are response values.
    @Test func headersPairInAnyCaseAndTheirSchemasAreCompared() throws {
        #expect(try diff(Self.api(Self.rateLimit), Self.api("x-rate-limit: {required: true, schema: {type: integer}}")).isEmpty)
        #expect(try diff(Self.api(Self.rateLimit), Self.api("X-Rate-Limit: {required: true, schema: {type: string}}")).rows
                == ["type-changed breaking response [GET /pets] \(Self.headers)/X-Rate-Limit/schema"])
    }
}
