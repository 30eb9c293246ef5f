import SpecDiff
import SpecParser
import Testing

/// `allOf` members: the object they merge into is compared as one, and
/// members that come or go are reported.
struct AllOfMemberTests {
    static let components = """
        components:
          schemas:
            Named: {type: object, properties: {name: {type: string}}}
            Tagged: {type: object, properties: {tag: {type: string}}}

        """

    static func allOf(_ names: [String]) -> String {
        "{allOf: [\(names.map { "{$ref: '#/components/schemas/\($0)'}" }.joined(separator: ", "))]}"
    }

    @Test func memberAddedToARequestIsAWarning() throws {
        let changes = try diff(requestSpec(Self.allOf(["Named"]) , components: Self.components),
                               requestSpec(Self.allOf(["Named", "Tagged"]), components: Self.components))
        #expect(changes.sortedRows == [
            "allof-member-added warning request [POST /pets] \(requestSchema)/allOf/1",
            "request-property-added info request [POST /pets] \(requestSchema)/properties/tag",
        ])
        #expect(try changes.only("allof-member-added").message == "the request body gained the allOf member Tagged")
    }

    @Test func memberRemovedFromAResponseIsAWarning() throws {
        let changes = try diff(responseSpec(Self.allOf(["Named", "Tagged"]), components: Self.components),
                               responseSpec(Self.allOf(["Named"]), components: Self.components))
        #expect(changes.sortedRows == [
            "allof-member-removed warning response [GET /pets] \(responseSchema)/allOf/1",
            "response-property-removed warning response [GET /pets] \(responseSchema)/properties/tag",
        ])
    }

    /// A change inside a member is reported where the member is.
    @Test func changeInsideAMemberIsReportedInIt() throws {
        let changed = Self.components.replacingOccurrences(of: "tag: {type: string}", with: "tag: {type: string, format: uuid}")
        #expect(try diff(requestSpec(Self.allOf(["Named", "Tagged"]), components: Self.components),
                         requestSpec(Self.allOf(["Named", "Tagged"]), components: changed)).rows
                == ["format-changed breaking request [POST /pets] /components/schemas/Tagged/properties/tag"])
    }
}
