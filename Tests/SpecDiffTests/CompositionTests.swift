import SpecDiff
import SpecParser
import Testing

/// `oneOf` and `anyOf` branches, known by the schema they name or their type.
struct CompositionTests {
    static let animals = """
        components:
          schemas:
            Cat: {type: object, properties: {meows: {type: boolean}}}
            Dog: {type: object, properties: {barks: {type: boolean}}}
            Bird: {type: object, properties: {sings: {type: boolean}}}

        """

    static func refs(_ keyword: String, _ names: [String]) -> String {
        "{\(keyword): [\(names.map { "{$ref: '#/components/schemas/\($0)'}" }.joined(separator: ", "))]}"
    }

    @Test(arguments: ["oneOf", "anyOf"])
    func branchAddedInARequestIsInfo(keyword: String) throws {
        let changes = try diff(requestSpec(Self.refs(keyword, ["Cat", "Dog"]), components: Self.animals),
                               requestSpec(Self.refs(keyword, ["Cat", "Dog", "Bird"]), components: Self.animals))
        #expect(changes.rows == ["\(keyword.lowercased())-branch-added info request [POST /pets] \(requestSchema)/\(keyword)/2"])
        #expect(changes.first?.message == "the request body gained the \(keyword) branch Bird")
    }

    @Test(arguments: ["oneOf", "anyOf"])
    func branchRemovedFromARequestIsBreaking(keyword: String) throws {
        let changes = try diff(requestSpec(Self.refs(keyword, ["Cat", "Dog", "Bird"]), components: Self.animals),
                               requestSpec(Self.refs(keyword, ["Cat", "Bird"]), components: Self.animals))
        #expect(changes.rows == ["\(keyword.lowercased())-branch-removed breaking request [POST /pets] \(requestSchema)/\(keyword)/1"])
    }

    @Test(arguments: ["oneOf", "anyOf"])
    func branchAddedInAResponseIsAWarning(keyword: String) throws {
        let changes = try diff(responseSpec(Self.refs(keyword, ["Cat", "Dog"]), components: Self.animals),
                               responseSpec(Self.refs(keyword, ["Cat", "Dog", "Bird"]), components: Self.animals))
        #expect(changes.rows == ["\(keyword.lowercased())-branch-added warning response [GET /pets] \(responseSchema)/\(keyword)/2"])
    }

    @Test(arguments: ["oneOf", "anyOf"])
    func branchRemovedFromAResponseIsInfo(keyword: String) throws {
        let changes = try diff(responseSpec(Self.refs(keyword, ["Cat", "Dog", "Bird"]), components: Self.animals),
                               responseSpec(Self.refs(keyword, ["Cat", "Bird"]), components: Self.animals))
        #expect(changes.rows == ["\(keyword.lowercased())-branch-removed info response [GET /pets] \(responseSchema)/\(keyword)/1"])
        let change = try changes.only("\(keyword.lowercased())-branch-removed")
        #expect(change.newLocation?.file == "new.yml")
        #expect(change.oldLocation?.file == "old.yml")
    }

    @Test func reorderedBranchesAreNoChange() throws {
        #expect(try diff(responseSpec(Self.refs("oneOf", ["Cat", "Dog"]), components: Self.animals),
                         responseSpec(Self.refs("oneOf", ["Dog", "Cat"]), components: Self.animals)).isEmpty)
    }

    @Test func inlineBranchesAreKnownByType() throws {
        let changes = try diff(requestSpec("{oneOf: [{type: string}, {type: integer}]}"),
                               requestSpec("{oneOf: [{type: string}, {type: boolean}]}"))
        #expect(changes.rows == [
            "oneof-branch-added info request [POST /pets] \(requestSchema)/oneOf/1",
            "oneof-branch-removed breaking request [POST /pets] \(requestSchema)/oneOf/1",
        ])
        #expect(changes.map(\.message) == [
            "the request body gained the oneOf branch boolean",
            "the request body lost the oneOf branch integer",
        ])
    }

    @Test func matchedBranchesAreComparedInside() throws {
        let changed = Self.animals.replacingOccurrences(of: "barks: {type: boolean}", with: "barks: {type: string}")
        let changes = try diff(responseSpec(Self.refs("oneOf", ["Cat", "Dog"]), components: Self.animals),
                               responseSpec(Self.refs("oneOf", ["Cat", "Dog"]), components: changed))
        #expect(changes.rows == ["type-changed breaking response [GET /pets] /components/schemas/Dog/properties/barks"])
    }

    /// Several inline objects are all known as `object`: each pairs with
    /// itself by its structure, wherever it moved, and a changed one with
    /// what is left of its kind.
    @Test func inlineBranchesOfOneTypePairByStructure() throws {
        let branches = [
            "{type: object, properties: {x: {type: string}}, required: [x]}",
            "{type: object, properties: {y: {type: integer}}, required: [y]}",
            "{type: string, enum: [p]}",
            "{type: string, enum: [q]}",
        ]
        let old = requestSpec("{oneOf: [\(branches.joined(separator: ", "))]}")
        #expect(try diff(old, old).isEmpty)
        let reordered = requestSpec("{oneOf: [\(branches.reversed().joined(separator: ", "))]}")
        #expect(try diff(old, reordered).isEmpty)
        let changed = old.replacingOccurrences(of: "y: {type: integer}", with: "y: {type: string}")
        #expect(try diff(old, changed).rows == [
            "type-changed breaking request [POST /pets] \(requestSchema)/oneOf/1/properties/y",
        ])
    }
}
