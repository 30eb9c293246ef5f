import Foundation
import SpecDiff
import SpecParser
import Testing

/// Paths of the package and of the shared reference material beside it.
enum Paths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let spec = packageRoot + "/spec/ideogram-openapi.yml"
    static let upstreamSpec = packageRoot + "/../shared/upstream/ideogram-openapi.yml"
    static let codegen = packageRoot + "/.build/debug/ideogram-codegen"

    static var hasUpstream: Bool { FileManager.default.fileExists(atPath: upstreamSpec) }
    static var hasCodegen: Bool { FileManager.default.isExecutableFile(atPath: codegen) }
}

/// A small spec: the `openapi` and `info` lines, then `body`, which starts on line 5.
func spec(_ body: String, openapi: String = "3.1.0") -> String {
    "openapi: \(openapi)\ninfo:\n  title: Test\n  version: '1'\n" + body
}

/// Loads `text` as the in-memory file `file` and requires it to have no errors.
func load(_ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> OpenAPIDocument {
    let result = SpecLoader.load(text: text, file: file)
    #expect(result.diagnostics.errors.map(\.description) == [], "\(file) has errors", sourceLocation: sourceLocation)
    return try #require(result.document, sourceLocation: sourceLocation)
}

/// The changes from `old` (loaded as `old.yml`) to `new` (loaded as `new.yml`).
func diff(
    _ old: String, _ new: String, options: SpecComparer.Options = .init(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [SpecChange] {
    let oldDocument = try load(old, file: "old.yml", sourceLocation: sourceLocation)
    let newDocument = try load(new, file: "new.yml", sourceLocation: sourceLocation)
    return SpecComparer(options: options).compare(old: oldDocument, new: newDocument)
}

/// A location in `file`. (`SourceLocation` alone would be ambiguous beside Testing's.)
func at(_ file: String, _ line: Int, _ column: Int) -> SpecParser.SourceLocation {
    SpecParser.SourceLocation(file: file, line: line, column: column)
}

extension SpecChange {
    /// `rule severity direction [operations] pointer`: what most tests check, in one readable line.
    var row: String {
        "\(rule) \(severity.rawValue) \(direction.rawValue) [\(operations.joined(separator: ", "))] \(pointer)"
    }
}

extension [SpecChange] {
    var rows: [String] { map(\.row) }

    /// The rows, sorted, for comparisons that should not depend on the report's order.
    var sortedRows: [String] { rows.sorted() }

    /// The only change of `rule`, or a failure.
    func only(
        _ rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> SpecChange {
        let matching = filter { $0.rule == rule }
        #expect(matching.count == 1, "\(matching.count) changes of \(rule) in \(rows)", sourceLocation: sourceLocation)
        return try #require(matching.first, sourceLocation: sourceLocation)
    }
}

/// `POST /pets` with `schema` (one line of flow YAML) as its JSON request body,
/// and `components` (block YAML, from column 1) after the paths.
func requestSpec(_ schema: String, components: String = "") -> String {
    spec("""
        paths:
          /pets:
            post:
              operationId: createPet
              requestBody:
                content:
                  application/json:
                    schema: \(schema)
              responses:
                '201':
                  description: Created

        """ + components)
}

/// `GET /pets` with `schema` (one line of flow YAML) as its 200 JSON response,
/// and `components` (block YAML, from column 1) after the paths.
func responseSpec(_ schema: String, components: String = "") -> String {
    spec("""
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: \(schema)

        """ + components)
}

let requestSchema = "/paths/~1pets/post/requestBody/content/application~1json/schema"
let responseSchema = "/paths/~1pets/get/responses/200/content/application~1json/schema"
