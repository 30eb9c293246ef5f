import SpecDiff
import SpecParser
import Testing

/// Deprecation as reviewers grade it (issue 25): a deprecation is info;
/// removing what was deprecated first is info once its x-sunset has passed
/// and breaking before; removing what was not deprecated is breaking; with
/// a minimum period, a deprecation must give that much notice.
struct DeprecationTests {
    /// The day the tests judge sunsets on.
    static let today = CalendarDate("2025-06-01")!
    static let options = SpecComparer.Options(today: today)

    /// `GET /pets` (with `operationExtras` under it, and a query parameter
    /// `limit` with `parameterExtras`), unless `pets` is false, and `GET /owners`.
    static func api(operationExtras: String = "", parameterExtras: String = "", pets: Bool = true, owners: Bool = true,
                    limit: Bool = true) -> String {
        var text = "paths:\n"
        if pets {
            text += "  /pets:\n    get:\n      operationId: listPets\n"
            if !operationExtras.isEmpty { text += "      " + operationExtras + "\n" }
            if limit {
                text += "      parameters:\n        - {name: limit, in: query, schema: {type: integer}\(parameterExtras)}\n"
            }
            text += "      responses:\n        '200': {description: OK}\n"
        }
        if owners {
            text += "  /owners:\n    get:\n      operationId: listOwners\n      responses:\n        '200': {description: OK}\n"
        }
        return spec(text)
    }

    @Test func deprecatedOperationRemovedIsInfo() throws {
        let changes = try diff(Self.api(operationExtras: "deprecated: true"), Self.api(pets: false), options: Self.options)
        #expect(changes.sortedRows == [
            "operation-removed info both [GET /pets] /paths/~1pets/get",
            "path-removed info both [] /paths/~1pets",
        ])
        #expect(try changes.only("operation-removed").note == "deprecated first")
    }

    @Test func operationRemovedWithoutDeprecationIsBreaking() throws {
        let new = Self.api(owners: false)
        let changes = try diff(Self.api(), new, options: Self.options)
        #expect(changes.sortedRows == [
            "operation-removed breaking both [GET /owners] /paths/~1owners/get",
            "path-removed breaking both [] /paths/~1owners",
        ])
    }

    @Test func removalBeforeTheSunsetIsBreakingAndAfterItInfo() throws {
        let deprecated = Self.api(parameterExtras: ", deprecated: true, x-sunset: '2025-09-30'")
        let removed = Self.api(limit: false)
        let early = try diff(deprecated, removed, options: Self.options)
        #expect(early.rows == ["parameter-removed breaking request [GET /pets] /paths/~1pets/get/parameters/query/limit"])
        #expect(try early.only("parameter-removed").note == "removed before its x-sunset date 2025-09-30 (judged on 2025-06-01)")
        let late = try diff(deprecated, removed, options: .init(today: CalendarDate("2025-10-01")!))
        #expect(late.rows == ["parameter-removed info request [GET /pets] /paths/~1pets/get/parameters/query/limit"])
        #expect(try late.only("parameter-removed").note == "deprecated first; its x-sunset 2025-09-30 has passed")
        // The id is the same whatever day it is judged on.
        #expect(early.first?.fingerprint == late.first?.fingerprint)
    }

    @Test func parameterDeprecatedIsInfo() throws {
        let changes = try diff(Self.api(), Self.api(parameterExtras: ", deprecated: true"), options: Self.options)
        #expect(changes.rows == ["parameter-deprecated info request [GET /pets] /paths/~1pets/get/parameters/query/limit/deprecated"])
        #expect(changes.first?.message == "query parameter 'limit' is now deprecated")
    }

    @Test func propertyDeprecatedIsInfoAndItsRemovalToo() throws {
        let old = responseSpec("{type: object, properties: {name: {type: string}, tag: {type: string}}}")
        let deprecated = responseSpec("{type: object, properties: {name: {type: string}, tag: {type: string, deprecated: true}}}")
        let removed = responseSpec("{type: object, properties: {name: {type: string}}}")
        #expect(try diff(old, deprecated).rows == ["property-deprecated info response [GET /pets] \(responseSchema)/properties/tag/deprecated"])
        #expect(try diff(deprecated, removed).rows == ["response-property-removed info response [GET /pets] \(responseSchema)/properties/tag"])
        #expect(try diff(old, removed).rows == ["response-property-removed warning response [GET /pets] \(responseSchema)/properties/tag"])
    }

    /// A property whose schema (a component) became deprecated (plaid, 2022-02).
    @Test func propertyOfADeprecatedSchema() throws {
        let components = { (deprecated: String) in
            "components:\n  schemas:\n    Key: {type: string\(deprecated)}\n\n"
        }
        let schema = "{type: object, properties: {key: {$ref: '#/components/schemas/Key'}}}"
        #expect(try diff(requestSpec(schema, components: components("")), requestSpec(schema, components: components(", deprecated: true"))).rows
                == ["property-deprecated info request [POST /pets] \(requestSchema)/properties/key/deprecated"])
    }

    @Test func deprecationPolicyAsksForASunsetFarEnough() throws {
        let policy = SpecComparer.Options(today: Self.today, deprecationDays: 90)
        let withoutSunset = try diff(Self.api(), Self.api(operationExtras: "deprecated: true"), options: policy)
        #expect(withoutSunset.sortedRows == [
            "deprecation-period-too-short breaking both [GET /pets] /paths/~1pets/get/x-sunset",
            "operation-deprecated info both [GET /pets] /paths/~1pets/get/deprecated",
        ])
        let tooSoon = try diff(Self.api(), Self.api(operationExtras: "deprecated: true\n      x-sunset: '2025-07-01'"), options: policy)
        #expect(try tooSoon.only("deprecation-period-too-short").message
                == "the operation was deprecated with x-sunset 2025-07-01, sooner than the 90 days the policy asks")
        let farEnough = try diff(Self.api(), Self.api(operationExtras: "deprecated: true\n      x-sunset: '2025-12-31'"), options: policy)
        #expect(farEnough.rows == ["operation-deprecated info both [GET /pets] /paths/~1pets/get/deprecated"])
        // Without the policy, no sunset is needed.
        #expect(try diff(Self.api(), Self.api(operationExtras: "deprecated: true"), options: Self.options).count == 1)
    }

    @Test func sunsetMovedEarlierIsBreaking() throws {
        let late = Self.api(operationExtras: "deprecated: true\n      x-sunset: '2026-01-01'")
        let early = Self.api(operationExtras: "deprecated: true\n      x-sunset: '2025-12-01'")
        #expect(try diff(late, early, options: Self.options).rows == ["sunset-changed breaking both [GET /pets] /paths/~1pets/get/x-sunset"])
        #expect(try diff(early, late, options: Self.options).rows == ["sunset-changed info both [GET /pets] /paths/~1pets/get/x-sunset"])
    }

    /// An x-sunset that is not a date is ignored, with a located warning.
    @Test func sunsetThatIsNotADateIsAWarning() throws {
        let old = try load(Self.api(operationExtras: "deprecated: true\n      x-sunset: next spring"), file: "old.yml")
        let outcome = SpecComparer(options: Self.options).review(old: old, new: try load(Self.api(pets: false), file: "new.yml"))
        #expect(outcome.specWarnings.map(\.description)
                == ["old.yml:10:17: warning: x-sunset must be a date (YYYY-MM-DD, RFC 3339); 'next spring' is ignored"])
        // With no date, a deprecated operation's removal is info.
        #expect(outcome.changes.first { $0.rule == "operation-removed" }?.severity == .info)
    }

    @Test func calendarDates() throws {
        #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2025-13-01") == nil)
        #expect(CalendarDate("2025-12-31T23:59:59Z")?.description == "2025-12-31")
        #expect(CalendarDate("1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate("2000-03-01")!.dayNumber - CalendarDate("2000-02-28")!.dayNumber == 2)
        #expect(CalendarDate("1969-12-31")?.description == "1969-12-31")
        #expect(CalendarDate("2025-06-01")!.adding(days: 30).description == "2025-07-01")
        #expect(CalendarDate("31/12/2025") == nil)
    }
}
