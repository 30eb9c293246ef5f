import SpecDiff
import SpecParser
import Testing

/// Request bodies and their media types.
struct RequestBodyTests {
    static let noBody = spec("""
        paths:
          /pets:
            post:
              operationId: createPet
              responses:
                '201':
                  description: Created

        """)

    static func withBody(required: Bool, mediaType: String = "application/json") -> String {
        spec("""
            paths:
              /pets:
                post:
                  operationId: createPet
                  requestBody:
                    required: \(required)
                    content:
                      \(mediaType):
                        schema:
                          type: object
                          properties:
                            name:
                              type: string
                  responses:
                    '201':
                      description: Created

            """)
    }

    static let bodyPointer = "/paths/~1pets/post/requestBody"

    @Test func addedRequiredBodyIsBreaking() throws {
        let changes = try diff(Self.noBody, Self.withBody(required: true))
        #expect(changes.rows == ["request-body-added breaking request [POST /pets] \(Self.bodyPointer)"])
        let change = try changes.only("request-body-added")
        #expect(change.oldLocation == at("old.yml", 8, 7))
        #expect(change.newLocation == at("new.yml", 10, 9))
        #expect(change.message == "a required request body was added")
    }

    @Test func addedOptionalBodyIsInfo() throws {
        let changes = try diff(Self.noBody, Self.withBody(required: false))
        #expect(changes.rows == ["request-body-added info request [POST /pets] \(Self.bodyPointer)"])
        #expect(try changes.only("request-body-added").message == "an optional request body was added")
    }

    @Test func removedBodyIsBreaking() throws {
        let changes = try diff(Self.withBody(required: false), Self.noBody)
        #expect(changes.rows == ["request-body-removed breaking request [POST /pets] \(Self.bodyPointer)"])
        let change = try changes.only("request-body-removed")
        #expect(change.oldLocation == at("old.yml", 10, 9))
        #expect(change.newLocation == at("new.yml", 8, 7))
    }

    @Test func bodyThatBecameRequiredIsBreaking() throws {
        let changes = try diff(Self.withBody(required: false), Self.withBody(required: true))
        #expect(changes.rows == ["request-body-became-required breaking request [POST /pets] \(Self.bodyPointer)/required"])
    }

    @Test func bodyThatBecameOptionalIsInfo() throws {
        let changes = try diff(Self.withBody(required: true), Self.withBody(required: false))
        #expect(changes.rows == ["request-body-became-optional info request [POST /pets] \(Self.bodyPointer)/required"])
        #expect(changes.first?.message == "the request body became optional")
    }

    @Test func jsonToMultipartIsOneMediaTypeRemovedAndOneAdded() throws {
        let changes = try diff(Self.withBody(required: true), Self.withBody(required: true, mediaType: "multipart/form-data"))
        #expect(changes.rows == [
            "request-media-type-removed breaking request [POST /pets] \(Self.bodyPointer)/content/application~1json",
            "request-media-type-added info request [POST /pets] \(Self.bodyPointer)/content/multipart~1form-data",
        ])
        let removed = try changes.only("request-media-type-removed")
        #expect(removed.oldLocation == at("old.yml", 13, 13))
        #expect(removed.newLocation == at("new.yml", 10, 9))
        let added = try changes.only("request-media-type-added")
        #expect(added.oldLocation == at("old.yml", 10, 9))
        #expect(added.newLocation == at("new.yml", 13, 13))
    }

    @Test func mediaTypeParametersAndCaseAreTheSameMediaType() throws {
        let changes = try diff(Self.withBody(required: true),
                               Self.withBody(required: true, mediaType: "'Application/JSON; charset=utf-8'"))
        #expect(changes.isEmpty)
    }

    /// Two media types of one body that differ only in their parameters are
    /// each paired with themselves, not both with the first.
    @Test func mediaTypesDifferingOnlyInParametersArePairedWithThemselves() throws {
        let old = spec("""
            paths:
              /pets:
                post:
                  operationId: createPet
                  requestBody:
                    content:
                      application/json: {schema: {type: object, properties: {name: {type: string}}}}
                      'application/json; charset=utf-8': {schema: {type: object, properties: {name: {type: integer}}}}
                  responses:
                    '201':
                      description: Created

            """)
        #expect(try diff(old, old).isEmpty)
        let new = old.replacingOccurrences(of: "name: {type: integer}", with: "name: {type: boolean}")
        #expect(try diff(old, new).rows == [
            "type-changed breaking request [POST /pets] \(Self.bodyPointer)/content/application~1json; charset=utf-8/schema/properties/name",
        ])
    }
}
