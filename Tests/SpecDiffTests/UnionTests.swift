import SpecDiff
import SpecParser
import Testing

/// Unions as a client decodes them: a value is one of its branches, matched
/// across versions by the schema a branch names or its type, and a schema
/// that is not a union is one branch of the union it becomes (issue 25).
struct UnionTests {
    static let object = """
        components:
          schemas:
            Obj: {type: object, properties: {a: {type: string}}}

        """

    static func property(_ schema: String) -> String {
        "{type: object, properties: {value: \(schema)}}"
    }

    static let objRef = "{$ref: '#/components/schemas/Obj'}"

    /// The case: `[string, object, null]` to `[object, null]`. The
    /// value could be null before and still can; the branch was lost at the
    /// property, not in the schema of the branch that is left.
    @Test func lostBranchIsReportedWhereTheUnionIs() throws {
        let old = requestSpec(Self.property("{anyOf: [{type: string}, \(Self.objRef), {type: 'null'}]}"), components: Self.object)
        let new = requestSpec(Self.property("{anyOf: [\(Self.objRef), {type: 'null'}]}"), components: Self.object)
        let changes = try diff(old, new)
        #expect(changes.rows == ["anyof-branch-removed breaking request [POST /pets] \(requestSchema)/properties/value/anyOf/0"])
        #expect(changes.first?.message == "property 'value' lost the anyOf branch string")
        // The other way round, the request accepts one more kind: info.
        #expect(try diff(new, old).rows == ["anyof-branch-added info request [POST /pets] \(requestSchema)/properties/value/anyOf/0"])
    }

    /// A response union that widens may hold a value callers cannot decode.
    @Test func responseUnionThatWidensIsAWarning() throws {
        let old = responseSpec(Self.property("{anyOf: [\(Self.objRef), {type: 'null'}]}"), components: Self.object)
        let new = responseSpec(Self.property("{anyOf: [{type: string}, \(Self.objRef), {type: 'null'}]}"), components: Self.object)
        #expect(try diff(old, new).rows == ["anyof-branch-added warning response [GET /pets] \(responseSchema)/properties/value/anyOf/0"])
        #expect(try diff(new, old).rows == ["anyof-branch-removed info response [GET /pets] \(responseSchema)/properties/value/anyOf/0"])
    }

    /// `type: string` that becomes `oneOf: [string, array]` (resend, 2026-02)
    /// accepts more in a request; the string branch is the old schema.
    @Test func valueThatBecomesAUnionGainsBranches() throws {
        let old = requestSpec(Self.property("{type: string, description: Recipient}"))
        let new = requestSpec(Self.property("{description: Recipients, oneOf: [{type: string}, {type: array, items: {type: string}}]}"))
        let changes = try diff(old, new)
        #expect(changes.rows == ["oneof-branch-added info request [POST /pets] \(requestSchema)/properties/value/oneOf/1"])
        #expect(changes.first?.message == "property 'value' gained the oneOf branch array")
        // The reverse narrows what callers may send.
        let narrowed = try diff(new, old)
        #expect(narrowed.rows == ["oneof-branch-removed breaking request [POST /pets] \(requestSchema)/properties/value/oneOf/1"])
    }

    /// The branch a whole schema pairs with is compared with it.
    @Test func pairedBranchIsComparedWithTheWholeSchema() throws {
        let old = requestSpec(Self.property("{type: array, items: {type: string}}"))
        let new = requestSpec(Self.property("{oneOf: [{type: string}, {type: array, items: {type: string}, maxItems: 50}]}"))
        #expect(try diff(old, new).sortedRows == [
            "constraint-changed breaking request [POST /pets] \(requestSchema)/properties/value/oneOf/1",
            "oneof-branch-added info request [POST /pets] \(requestSchema)/properties/value/oneOf/0",
        ])
    }

    /// A branch that names a schema pairs with an inline one of its type.
    @Test func referencedBranchPairsWithAnInlineOneOfItsType() throws {
        let old = responseSpec(Self.property("{oneOf: [{type: string}, {type: object, properties: {a: {type: string}}}]}"),
                               components: Self.object)
        let new = responseSpec(Self.property("{oneOf: [{type: string}, \(Self.objRef)]}"), components: Self.object)
        #expect(try diff(old, new).rows == [])
    }

    /// Null as a branch or as `nullable` is the same null.
    @Test func nullBranchAndNullableAreTheSame() throws {
        let old = responseSpec(Self.property("{oneOf: [{type: string}, {type: integer}], nullable: true}"))
            .replacingOccurrences(of: "openapi: 3.1.0", with: "openapi: 3.0.3")
        let new = responseSpec(Self.property("{oneOf: [{type: string}, {type: integer}, {type: 'null'}]}"))
        #expect(try diff(old, new).rows == [])
        let notNull = responseSpec(Self.property("{oneOf: [{type: string}, {type: integer}]}"))
        #expect(try diff(new, notNull).rows == ["schema-became-non-nullable info response [GET /pets] \(responseSchema)/properties/value"])
    }
}
