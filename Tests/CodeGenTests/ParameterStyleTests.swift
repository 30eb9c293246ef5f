import CodeGen
import Testing

/// Every cell of the style examples table of OpenAPI 3.1.1 (§4.8.12.4.2),
/// byte for byte, from a generated client run against a capturing transport:
/// a parameter named `color` holding an empty string, `"blue"`, the list
/// `["blue", "black", "brown"]` and the object `{"R": 100, "G": 200, "B": 150}`
/// (whose members are declared in that order, which is not alphabetical),
/// in each style and location OpenAPI defines. The cells the table marks
/// n/a get a located warning instead (the last test).
@Suite struct ParameterStyleTests {
    enum Value: String, CaseIterable {
        case empty, primitive, list, object

        var schema: String {
            switch self {
            case .empty, .primitive: "{type: string}"
            case .list: "{type: array, items: {type: string}}"
            case .object: "{$ref: '#/components/schemas/RGB'}"
            }
        }

        var argument: String {
            switch self {
            case .empty: #""""#
            case .primitive: #""blue""#
            case .list: #"["blue", "black", "brown"]"#
            case .object: ".init(r: 100, g: 200, b: 150)"
            }
        }
    }

    struct Cell {
        var location: String
        var style: String
        var explode: Bool
        var value: Value
        /// What the table says goes on the wire: the path after `/p/`, the
        /// query, or the header's or cookie's text.
        var expected: String

        var operationID: String { "\(location)_\(style)_\(explode)_\(value.rawValue)" }
    }

    /// The table, cell by cell (n/a cells left out).
    static let cells: [Cell] = {
        var cells: [Cell] = []
        func add(_ location: String, _ style: String, _ explode: Bool, _ expected: [Value: String]) {
            for value in Value.allCases {
                if let text = expected[value] { cells.append(Cell(location: location, style: style, explode: explode, value: value, expected: text)) }
            }
        }
        add("path", "matrix", false, [.empty: ";color", .primitive: ";color=blue", .list: ";color=blue,black,brown", .object: ";color=R,100,G,200,B,150"])
        add("path", "matrix", true, [.empty: ";color", .primitive: ";color=blue", .list: ";color=blue;color=black;color=brown", .object: ";R=100;G=200;B=150"])
        add("path", "label", false, [.empty: ".", .primitive: ".blue", .list: ".blue,black,brown", .object: ".R,100,G,200,B,150"])
        add("path", "label", true, [.empty: ".", .primitive: ".blue", .list: ".blue.black.brown", .object: ".R=100.G=200.B=150"])
        add("path", "simple", false, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R,100,G,200,B,150"])
        add("path", "simple", true, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R=100,G=200,B=150"])
        add("query", "form", false, [.empty: "color=", .primitive: "color=blue", .list: "color=blue,black,brown", .object: "color=R,100,G,200,B,150"])
        add("query", "form", true, [.empty: "color=", .primitive: "color=blue", .list: "color=blue&color=black&color=brown", .object: "R=100&G=200&B=150"])
        add("query", "spaceDelimited", false, [.list: "color=blue%20black%20brown", .object: "color=R%20100%20G%20200%20B%20150"])
        add("query", "pipeDelimited", false, [.list: "color=blue%7Cblack%7Cbrown", .object: "color=R%7C100%7CG%7C200%7CB%7C150"])
        add("query", "deepObject", true, [.object: "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"])
        add("header", "simple", false, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R,100,G,200,B,150"])
        add("header", "simple", true, [.empty: "", .primitive: "blue", .list: "blue,black,brown", .object: "R=100,G=200,B=150"])
        add("cookie", "form", false, [.empty: "color=", .primitive: "color=blue", .list: "color=blue,black,brown", .object: "color=R,100,G,200,B,150"])
        add("cookie", "form", true, [.empty: "color=", .primitive: "color=blue", .object: "R=100; G=200; B=150"])
        return cells
    }()

    static func spec(_ cells: [Cell], extraOperations: String = "") -> String {
        var paths = ""
        for cell in cells {
            let path = cell.location == "path" ? "/p/{color}/\(cell.operationID)" : "/\(cell.operationID)"
            paths += """
                  \(path):
                    get:
                      operationId: \(cell.operationID)
                      parameters:
                        - {name: color, in: \(cell.location), required: true, style: \(cell.style), explode: \(cell.explode), schema: \(cell.value.schema)}
                      responses: {'204': {description: none}}

                """
        }
        return """
            openapi: 3.1.0
            info: {title: Styles, version: '1'}
            paths:
            \(paths)\(extraOperations)
            components:
              schemas:
                RGB:
                  type: object
                  required: [R, G, B]
                  properties:
                    R: {type: integer}
                    G: {type: integer}
                    B: {type: integer}
            """
    }

    /// What a request carries for one location.
    static let printRequests = #"""
        for request in capture.requests {
            let header = request.headers.first { $0.name.lowercased() == "color" }?.value
            let cookie = request.headers.first { $0.name == "Cookie" }?.value
            let path = request.url.absoluteString.dropFirst("https://example.com".count)
            print(header ?? cookie ?? String(path))
        }
        """#

    @Test func everyCellOfTheStyleTableIsSentByteForByte() async throws {
        let output = generate(Self.spec(Self.cells), clientName: "Styles")
        #expect(output.diagnostics.all.isEmpty, "\(output.diagnostics.all)")
        var main = capturingClientPrelude("Styles")
        for cell in Self.cells {
            main += "try await client.\(Self.methodName(cell))(color: \(cell.value.argument))\n"
        }
        main += Self.printRequests
        let printed = try await compileAndRun(output.files, main: main, input: "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, cell) in Self.cells.enumerated() {
            let line = index < printed.count ? printed[index] : "(nothing)"
            let sent: String
            switch cell.location {
            case "path":
                // `/p/<value>/<operationID>`: the value between the first two slashes.
                let rest = line.dropFirst("/p/".count)
                sent = String(rest.dropLast(cell.operationID.count + 1))
            case "query":
                sent = String(line.split(separator: "?", maxSplits: 1).last ?? "")
            default:
                sent = line
            }
            #expect(sent == cell.expected, "\(cell.location) \(cell.style) explode=\(cell.explode) \(cell.value): sent \(sent)")
        }
    }

    static func methodName(_ cell: Cell) -> String {
        // `path_matrix_false_empty` → `pathMatrixFalseEmpty`, as the generator names it.
        let words = cell.operationID.split(separator: "_")
        return words.enumerated().map { index, word in
            index == 0 ? String(word) : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }

    /// The percent-encoding rules around the table: delimiters a value holds
    /// are encoded, the style's own are not; `allowReserved` lets RFC 3986's
    /// reserved characters through, but not those a query cannot hold or
    /// that mean something in it; a path value never leaves its segment.
    @Test func valuesHoldingDelimitersAndReservedCharacters() async throws {
        let output = generate("""
            openapi: 3.1.0
            info: {title: Encoding, version: '1'}
            paths:
              /files/{name}:
                get:
                  operationId: getFile
                  parameters:
                    - {name: name, in: path, required: true, schema: {type: string}}
                    - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}
                    - {name: next, in: query, allowReserved: true, schema: {type: string}}
                    - {name: plain, in: query, schema: {type: string}}
                    - {name: kept, in: query, allowReserved: true, explode: false, schema: {type: array, items: {type: string}}}
                  responses: {'204': {description: none}}
            """, clientName: "Encoding")
        #expect(output.diagnostics.all.isEmpty, "\(output.diagnostics.all)")
        let main = capturingClientPrelude("Encoding") + #"""
            try await client.getFile(name: "a/b c?d", tags: ["x,y", "z"], next: "/a/b:c?d=%41&e#f+g[0]", plain: "/a/b:c?d", kept: ["1,2", "3"])
            print(capture.requests[0].url.absoluteString)
            """#
        let printed = try await compileAndRun(output.files, main: main, input: "")
        #expect(printed == "https://example.com/files/a%2Fb%20c%3Fd?tags=x%2Cy,z&next=/a/b:c?d%3D%41%26e%23f%2Bg%5B0%5D&plain=%2Fa%2Fb%3Ac%3Fd&kept=1,2,3\n")
    }

    /// Where OpenAPI defines no serialization, a located warning says what is
    /// sent instead; nothing is dropped in silence.
    @Test func undefinedCombinationsAreWarnedAboutWhereTheSpecWritesThem() {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /colors/{form}:
                get:
                  operationId: getColors
                  parameters:
                    - {name: form, in: path, required: true, style: form, schema: {type: string}}
                    - {name: spaced, in: query, style: spaceDelimited, schema: {type: string}}
                    - {name: piped, in: query, style: pipeDelimited, explode: true, schema: {type: array, items: {type: string}}}
                    - {name: deep, in: query, style: deepObject, schema: {type: array, items: {type: string}}}
                    - {name: flat, in: query, style: deepObject, explode: false, schema: {type: object, properties: {a: {type: string}}}}
                    - {name: X-Deep, in: header, style: deepObject, schema: {type: object, properties: {a: {type: string}}}}
                    - {name: X-Reserved, in: header, allowReserved: true, schema: {type: string}}
                    - {name: many, in: cookie, schema: {type: array, items: {type: string}}}
                    - {name: matrix, in: query, style: matrix, schema: {type: string}}
                  responses: {'204': {description: none}}
            """)
        #expect(!output.diagnostics.hasErrors)
        #expect(output.diagnostics.all.map(\.description) == [
            "test.yml:8:11: warning: parameter 'form' of GET /colors/{form} asks for the 'form' style, which OpenAPI does not define for path parameters; it is sent in the 'simple' style",
            "test.yml:9:11: warning: parameter 'spaced' of GET /colors/{form} asks for the 'spaceDelimited' style, which OpenAPI defines only for arrays and objects; its single value is sent as 'name=value'",
            "test.yml:10:11: warning: parameter 'piped' of GET /colors/{form} asks for the 'pipeDelimited' style exploded, which OpenAPI does not define; it is sent without exploding",
            "test.yml:11:11: warning: parameter 'deep' of GET /colors/{form} asks for the 'deepObject' style, which OpenAPI defines only for objects; it is sent as 'name[0]=value' pairs",
            "test.yml:12:11: warning: parameter 'flat' of GET /colors/{form} asks for the 'deepObject' style without exploding, which OpenAPI does not define; it is sent exploded ('name[key]=value')",
            "test.yml:13:11: warning: parameter 'X-Deep' of GET /colors/{form} asks for the 'deepObject' style, which OpenAPI does not define for header parameters; it is sent in the 'simple' style",
            "test.yml:14:11: warning: parameter 'X-Reserved' of GET /colors/{form} sets 'allowReserved', which applies only to query parameters; it is ignored",
            "test.yml:15:11: warning: parameter 'many' of GET /colors/{form} is a list in a cookie, exploded, which OpenAPI does not define (a cookie holds one value); it is sent as one cookie, 'name=a,b'",
            "test.yml:16:11: warning: parameter 'matrix' of GET /colors/{form} asks for the 'matrix' style, which OpenAPI does not define for query parameters; it is sent in the 'form' style",
        ])
    }
}
