import SpecDiff
import SpecParser
import Testing

/// `x-stability-level`: draft and alpha operations promise nothing yet.
struct StabilityTests {
    static func api(level: String?, limitRequired: Bool) -> String {
        spec("""
            paths:
              /pets:
                get:
                  operationId: listPets
            \(level.map { "      x-stability-level: \($0)\n" } ?? "")      parameters:
                    - {name: limit, in: query, required: \(limitRequired), schema: {type: integer}}
                  responses:
                    '200': {description: OK}

            """)
    }

    @Test(arguments: ["draft", "alpha"])
    func changesToUnstableOperationsAreInfo(level: String) throws {
        let changes = try diff(Self.api(level: level, limitRequired: false), Self.api(level: level, limitRequired: true))
        #expect(changes.rows == ["parameter-became-required info request [GET /pets] /paths/~1pets/get/parameters/query/limit"])
        #expect(changes.first?.note == "x-stability-level \(level): changes to draft and alpha operations are info")
    }

    @Test(arguments: ["beta", "stable", nil])
    func changesToStableOperationsKeepTheirSeverity(level: String?) throws {
        #expect(try diff(Self.api(level: level, limitRequired: false), Self.api(level: level, limitRequired: true)).rows
                == ["parameter-became-required breaking request [GET /pets] /paths/~1pets/get/parameters/query/limit"])
    }

    @Test func lowerStabilityIsBreaking() throws {
        let changes = try diff(Self.api(level: "stable", limitRequired: false), Self.api(level: "alpha", limitRequired: false))
        #expect(changes.rows == ["stability-decreased breaking both [GET /pets] /paths/~1pets/get/x-stability-level"])
        #expect(try diff(Self.api(level: "beta", limitRequired: false), Self.api(level: "stable", limitRequired: false)).isEmpty)
    }

    @Test func unknownLevelIsAWarning() throws {
        let old = try load(Self.api(level: "experimental", limitRequired: false), file: "old.yml")
        let outcome = SpecComparer().review(old: old, new: old)
        #expect(outcome.specWarnings.map(\.description)
                == ["old.yml:9:26: warning: x-stability-level must be draft, alpha, beta or stable; 'experimental' is ignored"])
    }
}
