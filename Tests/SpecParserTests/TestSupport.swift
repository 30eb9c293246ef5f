import SpecParser
import Testing

/// The opening every small test spec shares: a valid `openapi` and `info`.
let specHeader = """
    openapi: 3.1.0
    info:
      title: Test API
      version: '1.0'

    """

/// Loads `text` as the in-memory file `spec.yml`.
func loadSpec(_ text: String, file: String = "spec.yml") -> SpecLoader.Result {
    SpecLoader.load(text: text, file: file)
}

/// Loads `text` and requires a document with no errors.
func loadDocument(_ text: String, file: String = "spec.yml") throws -> OpenAPIDocument {
    let result = loadSpec(text, file: file)
    #expect(result.diagnostics.errors.map(\.description) == [])
    return try #require(result.document)
}

/// Reads `text` with the YAML reader alone.
func readYAML(_ text: String, file: String = "test.yml", limits: YAMLLimits = .default) throws -> YAMLReader.Result {
    try YAMLReader.read(text, file: file, limits: limits)
}

/// A location in `file`. (`SourceLocation` alone would be ambiguous beside Testing's.)
func location(_ file: String, _ line: Int, _ column: Int) -> SpecParser.SourceLocation {
    SpecParser.SourceLocation(file: file, line: line, column: column)
}

/// A location in `spec.yml`, the file name ``loadSpec(_:file:)`` uses.
func location(_ line: Int, _ column: Int) -> SpecParser.SourceLocation {
    location("spec.yml", line, column)
}

extension OpenAPIDocument {
    /// The named schema called `name` (a component, or a `$ref` target).
    func schema(_ name: String) -> Schema? {
        schemas.first { $0.name == name }?.schema
    }

    /// The operation with this `operationId`.
    func operation(_ id: String) -> SpecParser.Operation? {
        operations.first { $0.operationId == id }
    }

    /// The key of the root file's component schema `name`.
    func componentKey(_ name: String, file: String = "spec.yml") -> SchemaKey {
        SchemaKey(file: file, pointer: "/components/schemas/" + JSONPointer.escape(name))
    }
}

extension Schema {
    func property(_ name: String) -> Schema? {
        properties.first { $0.name == name }?.schema
    }
}

extension Diagnostics {
    /// Error descriptions in file order: what a user would read.
    var errorDescriptions: [String] {
        sorted.filter { $0.severity == .error }.map(\.description)
    }

    var warningDescriptions: [String] {
        sorted.filter { $0.severity == .warning }.map(\.description)
    }
}

extension YAMLNode {
    /// The text of a scalar node, nil for collections.
    var text: String? { scalar?.text }
}
