import Foundation
@testable import ClientRuntime
import Testing

/// The style examples table of OpenAPI 3.1.1 (§4.8.12.4.2), byte for byte,
/// written by the runtime's own entry points: `RequestBuilder.pathParameter`,
/// `addQuery(_:_:style:explode:allowReserved:)`, `setHeaderValue` and
/// `addCookieValue`. The parameter is `color`, holding `""`, `"blue"`,
/// `["blue", "black", "brown"]` and `{"R": 100, "G": 200, "B": 150}`, whose
/// members are declared in that order (not alphabetical).
struct ParameterStyleTableTests {
    /// The table's object, members in declared order.
    struct RGB: Encodable {
        var R = 100
        var G = 200
        var B = 150
    }

    enum Value: String, CaseIterable, Sendable {
        case empty, primitive, list, object
    }

    enum Location: String, Sendable {
        case path, query, header, cookie
    }

    struct Cell: Sendable, CustomTestStringConvertible {
        var location: Location
        var style: ParameterStyle
        var explode: Bool
        var value: Value
        var expected: String

        var testDescription: String { "\(location) \(style) explode=\(explode) \(value) → \(expected)" }
    }

    static func cells(_ location: Location, _ style: ParameterStyle, _ explode: Bool, _ expected: [Value: String]) -> [Cell] {
        Value.allCases.compactMap { value in
            expected[value].map { Cell(location: location, style: style, explode: explode, value: value, expected: $0) }
        }
    }

    /// The table's cells (n/a ones left out), then the header and cookie
    /// rows that follow from the same rules.
    static let table: [Cell] = cells(.path, .matrix, false, [.empty: ";color", .primitive: ";color=blue", .list: ";color=blue,black,brown", .object: ";color=R,100,G,200,B,150"])
        + cells(.path, .matrix, true, [.empty: ";color", .primitive: ";color=blue", .list: ";color=blue;color=black;color=brown", .object: ";R=100;G=200;B=150"])
        + cells(.path, .label, false, [.empty: ".", .primitive: ".blue", .list: ".blue,black,brown", .object: ".R,100,G,200,B,150"])
        + cells(.path, .label, true, [.empty: ".", .primitive: ".blue", .list: ".blue.black.brown", .object: ".R=100.G=200.B=150"])
        + cells(.path, .simple, false, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R,100,G,200,B,150"])
        + cells(.path, .simple, true, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R=100,G=200,B=150"])
        + cells(.query, .form, false, [.empty: "color=", .primitive: "color=blue", .list: "color=blue,black,brown", .object: "color=R,100,G,200,B,150"])
        + cells(.query, .form, true, [.empty: "color=", .primitive: "color=blue", .list: "color=blue&color=black&color=brown", .object: "R=100&G=200&B=150"])
        + cells(.query, .spaceDelimited, false, [.list: "color=blue%20black%20brown", .object: "color=R%20100%20G%20200%20B%20150"])
        + cells(.query, .pipeDelimited, false, [.list: "color=blue%7Cblack%7Cbrown", .object: "color=R%7C100%7CG%7C200%7CB%7C150"])
        + cells(.query, .deepObject, true, [.object: "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"])
        + cells(.header, .simple, false, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R,100,G,200,B,150"])
        + cells(.header, .simple, true, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R=100,G=200,B=150"])
        + cells(.cookie, .form, false, [.empty: "color=", .primitive: "color=blue", .list: "color=blue,black,brown", .object: "color=R,100,G,200,B,150"])
        + cells(.cookie, .form, true, [.empty: "color=", .primitive: "color=blue", .object: "R=100; G=200; B=150"])

    /// What the runtime sends where the table says n/a: the CodeGen
    /// warnings describe the same (a delimited style never explodes, a
    /// single value is `name=value`, deepObject always explodes and spells
    /// lists as `name[0]=value`, a cookie list is one cookie).
    static let undefined: [Cell] = cells(.query, .spaceDelimited, false, [.empty: "color=", .primitive: "color=blue"])
        + cells(.query, .spaceDelimited, true, [.empty: "color=", .primitive: "color=blue", .list: "color=blue%20black%20brown", .object: "color=R%20100%20G%20200%20B%20150"])
        + cells(.query, .pipeDelimited, true, [.primitive: "color=blue", .list: "color=blue%7Cblack%7Cbrown", .object: "color=R%7C100%7CG%7C200%7CB%7C150"])
        + cells(.query, .deepObject, true, [.empty: "color=", .primitive: "color=blue", .list: "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown"])
        + cells(.query, .deepObject, false, [.object: "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"])
        + cells(.cookie, .form, true, [.list: "color=blue,black,brown"])

    /// What `cell` puts on the wire: the path text, the query, the header's
    /// or the Cookie header's value.
    static func written(_ cell: Cell) throws -> String {
        try written(cell.location, style: cell.style, explode: cell.explode) { () -> any Encodable in
            switch cell.value {
            case .empty: ""
            case .primitive: "blue"
            case .list: ["blue", "black", "brown"]
            case .object: RGB()
            }
        }
    }

    static func written(_ location: Location, style: ParameterStyle, explode: Bool, allowReserved: Bool = false,
                        name: String = "color", _ make: () -> any Encodable) throws -> String {
        let value = make()
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/p")
        switch location {
        case .path:
            return try RequestBuilder.pathParameter(name, value, style: style, explode: explode)
        case .query:
            try builder.addQuery(name, value, style: style, explode: explode, allowReserved: allowReserved)
            return builder.query.joined(separator: "&")
        case .header:
            try builder.setHeaderValue(name, value, explode: explode)
            let request = try builder.makeRequest(configuration: APIClient.Configuration(baseURL: URL(string: Fixture.baseURL)!))
            return try #require(request.value(forHeader: name))
        case .cookie:
            try builder.addCookieValue(name, value, explode: explode)
            return builder.cookies.joined(separator: "; ")
        }
    }

    @Test(arguments: table)
    func everyCellOfTheTable(cell: Cell) throws {
        #expect(try Self.written(cell) == cell.expected)
    }

    @Test(arguments: undefined)
    func cellsTheTableLeavesUndefined(cell: Cell) throws {
        #expect(try Self.written(cell) == cell.expected)
    }

    /// Through a whole request: the path text, the query after `?`, the
    /// header and the cookie header as a transport sees them.
    @Test func aRequestCarriesEachLocationsText() throws {
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/p/" + (try RequestBuilder.pathParameter("color", RGB(), style: .matrix, explode: true)) + "/x")
        try builder.addQuery("color", ["blue", "black", "brown"], style: .pipeDelimited, explode: false)
        try builder.addQuery("rgb", RGB(), style: .deepObject, explode: true)
        try builder.setHeaderValue("X-Color", RGB(), explode: true)
        try builder.addCookieValue("color", RGB(), explode: false)
        let request = try builder.makeRequest(configuration: APIClient.Configuration(baseURL: URL(string: "https://example.com/api/")!))
        #expect(request.url.absoluteString
            == "https://example.com/api/p/;R=100;G=200;B=150/x?color=blue%7Cblack%7Cbrown&rgb%5BR%5D=100&rgb%5BG%5D=200&rgb%5BB%5D=150")
        #expect(request.value(forHeader: "X-Color") == "R=100,G=200,B=150")
        #expect(request.value(forHeader: "Cookie") == "color=R,100,G,200,B,150")
    }
}

/// Percent-encoding, `allowReserved`, member order, nulls, nesting and the
/// text of each type, around the table.
struct ParameterEncodingTests {
    typealias Table = ParameterStyleTableTests

    /// A path value never leaves its segment: every character but the
    /// unreserved ones is encoded, so the style's delimiters are the only ones.
    @Test(arguments: [ParameterStyle.simple, .label, .matrix])
    func pathValuesAreEncodedSoThatOnlyTheStylesDelimitersShow(style: ParameterStyle) throws {
        let text = try Table.written(.path, style: style, explode: false) { "a/b c?d#e%f;g,h.i=j~k_l-m" }
        let encoded = "a%2Fb%20c%3Fd%23e%25f%3Bg%2Ch.i%3Dj~k_l-m"
        #expect(text == ["simple": encoded, "label": "." + encoded, "matrix": ";color=" + encoded]["\(style)"])
        #expect(try Table.written(.path, style: style, explode: true) { ["x,y", "é"] }
            == ["simple": "x%2Cy,%C3%A9", "label": ".x%2Cy.%C3%A9", "matrix": ";color=x%2Cy;color=%C3%A9"]["\(style)"])
        #expect(try Table.written(.path, style: .matrix, explode: false, name: "a b") { "c" } == ";a%20b=c")
    }

    @Test func queryNamesAndValuesAreEncodedButTheStylesDelimitersAreNot() throws {
        #expect(try Table.written(.query, style: .form, explode: false, name: "the tags") { ["x,y", "z&w", "a=b", "c+d", "e f"] }
            == "the%20tags=x%2Cy,z%26w,a%3Db,c%2Bd,e%20f")
        #expect(try Table.written(.query, style: .form, explode: true) { ["x,y", "é"] } == "color=x%2Cy&color=%C3%A9")
        #expect(try Table.written(.query, style: .pipeDelimited, explode: false) { ["a|b", "c"] } == "color=a%7Cb%7Cc")
        #expect(try Table.written(.query, style: .spaceDelimited, explode: false) { ["a b", "c"] } == "color=a%20b%20c")
        // Exploded object keys are encoded too.
        #expect(try Table.written(.query, style: .form, explode: true) { ["a b": "c&d"] } == "a%20b=c%26d")
    }

    /// `allowReserved` lets RFC 3986's reserved characters through, less
    /// those a query cannot hold or that mean something in it (`&`, `=`,
    /// `+`, `#`, `[`, `]`), and keeps `%XX` triples as they are.
    @Test func allowReservedKeepsReservedCharactersAndTriples() throws {
        #expect(try Table.written(.query, style: .form, explode: true, allowReserved: true) { "/a/b:c?d=%41&e#f+g[0]!$'()*,;@" }
            == "color=/a/b:c?d%3D%41%26e%23f%2Bg%5B0%5D!$'()*,;@")
        #expect(try Table.written(.query, style: .form, explode: true, allowReserved: false) { "/a/b:c?d=%41" }
            == "color=%2Fa%2Fb%3Ac%3Fd%3D%2541")
        // A lower-case triple is a triple; a percent sign without two hex digits is not.
        #expect(try Table.written(.query, style: .form, explode: true, allowReserved: true) { "%2f %zz 100%" }
            == "color=%2f%20%25zz%20100%25")
        #expect(try Table.written(.query, style: .form, explode: false, allowReserved: true) { ["1,2", "3"] } == "color=1,2,3")
        #expect(try Table.written(.query, style: .deepObject, explode: true, allowReserved: true) { ["k": "a/b&c"] }
            == "color%5Bk%5D=a/b%26c")
    }

    /// Headers are sent as they are (no percent-encoding); cookie values are encoded.
    @Test func headersAreNotEncodedAndCookiesAre() throws {
        #expect(try Table.written(.header, style: .simple, explode: false) { "a b,c/é" } == "a b,c/é")
        #expect(try Table.written(.cookie, style: .form, explode: false) { "a b;c=é" } == "color=a%20b%3Bc%3D%C3%A9")
        #expect(try Table.written(.cookie, style: .form, explode: false) { ["a;b", "c"] } == "color=a%3Bb,c")
        #expect(try Table.written(.cookie, style: .form, explode: true) { ["k": "v;w"] } == "k=v%3Bw")
    }

    /// Members go in the order the type encodes them (its declared order);
    /// a dictionary has none, so its keys are sorted.
    @Test func objectsKeepTheirDeclaredOrderAndDictionariesAreSorted() throws {
        struct Backwards: Encodable {
            var zeta = 1
            var alpha = "two"
            var mu = true
        }
        #expect(try Table.written(.query, style: .form, explode: false) { Backwards() } == "color=zeta,1,alpha,two,mu,true")
        #expect(try Table.written(.path, style: .label, explode: true) { Backwards() } == ".zeta=1.alpha=two.mu=true")
        #expect(try Table.written(.query, style: .form, explode: false) { ["zeta": 1, "alpha": 2, "mu": 3] } == "color=alpha,2,mu,3,zeta,1")
    }

    /// A `null` member is left out; a `null` value is sent as nothing (a
    /// path, which must hold something, gets the empty text).
    @Test func nullsAreLeftOut() throws {
        struct Sparse: Encodable {
            var present = "p"
            var absent: String?
            var explicit: String?
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: AnyCodingKey.self)
                try container.encode(present, forKey: "present")
                try container.encodeIfPresent(absent, forKey: "absent")
                try container.encodeNil(forKey: "explicit")
            }
        }
        struct Nothing: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            }
        }
        #expect(try Table.written(.query, style: .form, explode: true) { Sparse() } == "present=p")
        #expect(try Table.written(.query, style: .form, explode: false) { Sparse() } == "color=present,p")
        #expect(try Table.written(.query, style: .deepObject, explode: true) { Sparse() } == "color%5Bpresent%5D=p")
        #expect(try Table.written(.cookie, style: .form, explode: true) { Sparse() } == "present=p")
        for style in [ParameterStyle.form, .spaceDelimited, .pipeDelimited, .deepObject] {
            #expect(try Table.written(.query, style: style, explode: true) { Nothing() } == "", "\(style)")
        }
        #expect(try Table.written(.cookie, style: .form, explode: true) { Nothing() } == "")
        #expect(try Table.written(.path, style: .simple, explode: false) { Nothing() } == "")
        #expect(try Table.written(.path, style: .matrix, explode: false) { Nothing() } == ";color")
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/")
        try builder.setHeaderValue("X-Nothing", Nothing(), explode: false)
        try builder.addQuery("missing", String?.none, style: .form, explode: true)
        try builder.setHeaderValue("X-Missing", String?.none, explode: false)
        try builder.addCookieValue("missing", String?.none, explode: false)
        let request = try builder.makeRequest(configuration: APIClient.Configuration(baseURL: URL(string: Fixture.baseURL)!))
        #expect(request.url.absoluteString == "https://api.example.com/")
        #expect(request.headers.map(\.name) == ["Accept"])
    }

    /// Empty lists and objects are sent as nothing in a query, as the bare
    /// prefix in a path.
    @Test func emptyListsAndObjects() throws {
        #expect(try Table.written(.query, style: .form, explode: true) { [String]() } == "")
        #expect(try Table.written(.query, style: .pipeDelimited, explode: false) { [String: Int]() } == "")
        #expect(try Table.written(.path, style: .matrix, explode: true) { [String]() } == ";color")
        #expect(try Table.written(.path, style: .matrix, explode: true) { [String: Int]() } == ";color")
        #expect(try Table.written(.path, style: .label, explode: false) { [String]() } == ".")
        #expect(try Table.written(.path, style: .simple, explode: false) { [String]() } == "")
    }

    /// Nested lists and objects, which no style can spell, go as JSON text;
    /// deepObject spells them as deeper brackets.
    @Test func nestedValuesAreJSONTextExceptInDeepObject() throws {
        struct Inner: Encodable {
            var x = 1
            var y = "s \"q\""
        }
        struct Outer: Encodable {
            var inner = Inner()
            var list = [1, 2]
        }
        #expect(try Table.written(.query, style: .form, explode: true) { Outer() }
            == "inner=%7B%22x%22%3A1%2C%22y%22%3A%22s%20%5C%22q%5C%22%22%7D&list=%5B1%2C2%5D")
        #expect(try Table.written(.header, style: .simple, explode: true) { Outer() } == #"inner={"x":1,"y":"s \"q\""},list=[1,2]"#)
        #expect(try Table.written(.query, style: .deepObject, explode: true) { Outer() }
            == "color%5Binner%5D%5Bx%5D=1&color%5Binner%5D%5By%5D=s%20%22q%22&color%5Blist%5D%5B0%5D=1&color%5Blist%5D%5B1%5D=2")
        #expect(try Table.written(.query, style: .form, explode: false) { [[1, 2], [3]] } == "color=%5B1%2C2%5D,%5B3%5D")
    }

    @Test func jsonTextEscapesWhatJSONMust() throws {
        let value = try StyleValue.of(["a\"b\\c\nd\re\tf\u{1}g\u{1F}h/é"], field: "f")
        #expect(value.json == #"["a\"b\\c\nd\re\tf\u0001g\u001fh/é"]"#)
        #expect(try StyleValue.of(["k": [true, false]], field: "f").json == #"{"k":[true,false]}"#)
        #expect(try StyleValue.of([1.5, -2], field: "f").json == "[1.5,-2.0]")
    }

    /// A list item that is `null` is written as the text `null`.
    @Test func aNullListItemIsTheTextNull() throws {
        #expect(try Table.written(.query, style: .form, explode: false) { ["a", nil, "b"] as [String?] } == "color=a,null,b")
    }

    /// Each type's wire text: booleans and numbers as JSON writes them,
    /// dates in UTC, UUIDs in lower case, enums by raw value.
    @Test func primitivesAreSentAsTheirText() throws {
        enum Size: String, Encodable { case large = "LARGE" }
        enum Level: Int, Encodable { case high = 3 }
        let cases: [(any Encodable, String)] = [
            (true, "true"), (false, "false"), (42, "42"), (Int64(-7), "-7"), (1.5, "1.5"), (Float(0.25), "0.25"),
            (Date(timeIntervalSince1970: 0.5), "1970-01-01T00%3A00%3A00.500Z"),
            (UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, "e621e1f8-c36c-495a-93fc-0c247a3e6e5f"),
            (URL(string: "https://a.example/b?c=d")!, "https%3A%2F%2Fa.example%2Fb%3Fc%3Dd"),
            (Size.large, "LARGE"), (Level.high, "3"), (Data([1, 2, 255]), "AQL%2F"),
        ]
        for (value, text) in cases {
            #expect(try Table.written(.query, style: .form, explode: true) { value } == "color=" + text, "\(value)")
        }
        // Numbers and booleans are JSON's own in nested text; strings are quoted.
        #expect(try StyleValue.of([Size.large], field: "f").json == #"["LARGE"]"#)
        #expect(try StyleValue.of([Level.high], field: "f").json == "[3]")
    }

    @Test func aValueThatCannotBeEncodedIsAnInvalidRequestThatNamesTheField() {
        struct Refuses: Encodable {
            func encode(to encoder: any Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "nope"))
            }
        }
        var builder = RequestBuilder(operationID: "op", method: "GET", path: "/")
        let result = outcome { () throws(APIClientError) in try builder.addQuery("filter", Refuses(), style: .form, explode: true) }
        #expect(result.failure?.invalidRequestReason?.hasPrefix("filter could not be encoded: ") == true)
    }
}

/// `application/x-www-form-urlencoded` bodies from a value's members.
struct FormBodyTests {
    struct Search: Encodable {
        var query = "a cat & a hat"
        var count = 2
        var tags = ["x", "y"]
        var filter = ["min": 1, "max": 9]
        var missing: String?
        var when = Date(timeIntervalSince1970: 0)
    }

    @Test func membersInDeclaredOrderNestedOnesAsJSONOrDeepObject() throws {
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/search")
        try builder.setFormBody(Search(), contentType: "application/x-www-form-urlencoded")
        #expect(builder.body?.text
            == "query=a%20cat%20%26%20a%20hat&count=2&tags=%5B%22x%22%2C%22y%22%5D&filter=%7B%22max%22%3A9%2C%22min%22%3A1%7D&when=1970-01-01T00%3A00%3A00Z")
        var deep = RequestBuilder(operationID: "op", method: "POST", path: "/search")
        try deep.setFormBody(Search(), contentType: "application/x-www-form-urlencoded; charset=utf-8", deepObjectFields: ["filter"])
        #expect(deep.body?.text
            == "query=a%20cat%20%26%20a%20hat&count=2&tags=%5B%22x%22%2C%22y%22%5D&filter%5Bmax%5D=9&filter%5Bmin%5D=1&when=1970-01-01T00%3A00%3A00Z")
        let request = try deep.makeRequest(configuration: APIClient.Configuration(baseURL: URL(string: Fixture.baseURL)!))
        #expect(request.value(forHeader: "Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
    }

    @Test func aBodyThatIsNotAnObjectIsRefused() {
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/")
        let result = outcome { () throws(APIClientError) in try builder.setFormBody(["a", "b"], contentType: "application/x-www-form-urlencoded") }
        #expect(result.failure?.invalidRequestReason == "the request body must be an object to be sent as a form")
        #expect(builder.body == nil)
    }

    @Test func noBodyIsNoBody() throws {
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/")
        try builder.setFormBody(Search?.none, contentType: "application/x-www-form-urlencoded")
        #expect(builder.body == nil)
        let request = try builder.makeRequest(configuration: APIClient.Configuration(baseURL: URL(string: Fixture.baseURL)!))
        #expect(request.value(forHeader: "Content-Type") == nil)
    }
}
