import CodeGen
import Foundation
import Testing

/// What the runtime means for the code around it: the names a schema may not
/// take, the platforms every declaration is marked for, and the bodies a
/// caller must pass.
@Suite(.serialized)
struct RuntimeSurfaceTests {
    /// The runtime's own top-level types and the standard ones it spells
    /// are reserved (ReservedNamesTests derives the list from the compiler).
    @Test func reservedNamesIncludeTheRuntimesTypes() {
        for name in ["TextEncodable", "ISO8601Date", "JSONCoding", "JSONValue", "MultipartFile", "Exchange", "ResponseRecorder",
                     "MediaTypes", "CredentialHeaders", "URLError", "Locale", "DateFormatter", "String", "Codable"] {
            #expect(Naming.reservedTypeNames.contains(name), "\(name)")
        }
        // Generic parameters of the runtime are not names a module declares.
        #expect(!Naming.reservedTypeNames.contains("Value"))
    }

    /// The types the runtime nests in the client (`Ideogram.HTTPRequest`)
    /// are found as members wherever the runtime spells them, so schemas
    /// of those names keep them, and the module compiles.
    @Test func schemasNamedLikeTheClientsNestedTypesKeepTheirNames() async throws {
        let names = ["Configuration", "HTTPRequest", "HTTPResponse", "HTTPHeader", "HTTPTransport", "RetryPolicy", "APIKey",
                     "StubTransport", "URLSessionTransport", "UnexpectedStatus", "TransportFailure", "Status", "Value"]
        let schemas = names.map { "    \($0): {type: object, properties: {value: {type: string}}}" }.joined(separator: "\n")
        let properties = names.map { "              \($0.lowercased())_field: {$ref: '#/components/schemas/\($0)'}" }
            .joined(separator: "\n")
        let output = generate("""
            openapi: 3.1.0
            info: {title: Names, version: '1'}
            servers: [{url: 'https://example.com'}]
            paths:
              /everything:
                post:
                  operationId: postEverything
                  requestBody:
                    required: true
                    content: {application/json: {schema: {$ref: '#/components/schemas/Holder'}}}
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {$ref: '#/components/schemas/Holder'}}}
            components:
              schemas:
                Holder:
                  type: object
                  properties:
            \(properties)
            \(schemas)
            """)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        // Declared under its own name (as Naming writes it: `HTTPRequest` → `HttpRequest`), without a suffix.
        let text = output.files.map(\.contents).joined()
        for name in names {
            #expect(text.contains("public struct \(Naming.type(name, reserved: [])): Codable"), "\(name)")
        }
        #expect(output.diagnostics.all.isEmpty, "\(output.diagnostics.all)")
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
    }

    /// A spec with a schema of every reserved name, each used by an
    /// operation, generates a module that compiles: every schema is renamed
    /// with a warning, and nothing in the runtime is shadowed.
    @Test func aSchemaOfEveryRuntimeNameStillCompiles() async throws {
        let names = Naming.reservedTypeNames.sorted()
        let schemas = names.map { "    \($0): {type: object, properties: {value: {type: string}}}" }.joined(separator: "\n")
        let properties = names.map { "              \($0.lowercased())_field: {$ref: '#/components/schemas/\($0)'}" }
            .joined(separator: "\n")
        let output = generate("""
            openapi: 3.1.0
            info: {title: Names, version: '1'}
            servers: [{url: 'https://example.com'}]
            paths:
              /everything:
                post:
                  operationId: postEverything
                  requestBody:
                    required: true
                    content: {application/json: {schema: {$ref: '#/components/schemas/Holder'}}}
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {$ref: '#/components/schemas/Holder'}}}
            components:
              schemas:
                Holder:
                  type: object
                  properties:
            \(properties)
            \(schemas)
            """)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.all)")
        // Each schema keeps its name with a suffix, and the runtime keeps its own.
        let declared = Set(output.files.filter { $0.path.hasPrefix("Types/") }.map { String($0.path.dropFirst(6).dropLast(6)) })
        #expect(declared.count == names.count + 1)
        #expect(declared.isDisjoint(with: Naming.reservedTypeNames), "\(declared.intersection(Naming.reservedTypeNames).sorted())")
        let result = try await compile(output.files)
        #expect(result.succeeded, "\(result.output)")
    }

    /// Every top-level declaration of a generated module carries the
    /// availability the runtime needs, so it compiles in a package of any
    /// deployment target; the checked-in client and a small spec's module alike.
    @Test func everyTopLevelDeclarationIsMarkedAvailable() throws {
        var files: [(path: String, text: String)] = []
        let folder = URL(fileURLWithPath: Paths.generatedClient)
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { files.append((url.path, try String(contentsOf: url, encoding: .utf8))) }
        }
        let small = generate(CompileTests.hostileSpec)
        files += small.files.map { ($0.path, $0.contents) }
        #expect(files.count > 80)
        let starts = ["public struct ", "public enum ", "public indirect enum ", "public protocol ", "public actor ",
                      "public typealias ", "public final class ", "struct ", "enum ", "actor ", "protocol ",
                      "final class ", "extension "]
        var declarations = 0
        for file in files {
            var previous = ""
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = String(line)
                let declaration = text.hasPrefix("nonisolated ") ? String(text.dropFirst("nonisolated ".count)) : text
                if starts.contains(where: { declaration.hasPrefix($0) }) {
                    declarations += 1
                    #expect(previous == Availability.attribute, "\(file.path): \(text)")
                } else if text.hasPrefix("@available(macOS") {
                    #expect(text.hasPrefix(Availability.attribute), "\(file.path): \(text)")
                }
                previous = text.hasPrefix(Availability.attribute + " ") ? Availability.attribute : text
                if text.hasPrefix(Availability.attribute + " ") {
                    declarations += 1
                }
            }
        }
        #expect(declarations > 100)
    }

    /// Package.swift declares the same systems as the generated code.
    @Test func thePackageDeclaresTheSamePlatforms() throws {
        let manifest = try String(contentsOfFile: Paths.packageRoot + "/Package.swift", encoding: .utf8)
        #expect(manifest.contains("platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)]"))
        #expect(Availability.attribute == "@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)")
    }

    /// A JSON body the spec leaves optional, whose schema requires a property,
    /// is a required argument, with a located warning; one with nothing
    /// required stays optional.
    @Test func aBodyWithRequiredPropertiesIsARequiredArgument() {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /things:
                post:
                  operationId: createThing
                  requestBody:
                    content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
                  responses: {'204': {description: ok}}
                put:
                  operationId: updateThing
                  requestBody:
                    content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
                  responses: {'204': {description: ok}}
            components:
              schemas:
                Thing: {type: object, required: [name], properties: {name: {type: string}}}
            """)
        let create = contents(output, "Operations/CreateThing.swift")
        #expect(create.contains("public func createThing(_ request: Thing) async throws(ClientError) {"), "\(create)")
        let update = contents(output, "Operations/UpdateThing.swift")
        #expect(update.contains("public func updateThing(_ request: UpdateThingRequest? = nil) async throws(ClientError) {"), "\(update)")
        let warnings = output.diagnostics.all.filter { $0.message.contains("requires the body") }
        #expect(warnings.map(\.description) == [
            "test.yml:8:37: warning: the request body of POST /things is optional, but its schema requires 'name'; the generated method requires the body",
        ])
    }
}

/// Default client names come from the module and never shadow a framework type.
@Suite struct DefaultClientNameTests {
    @Test(arguments: [
        ("IdeogramClient", "Ideogram"), ("PixazoClient", "Pixazo"), ("AppClient", "AppAPI"), ("ViewClient", "ViewAPI"),
        ("DataClient", "DataAPI"), ("ConfigurationClient", "ConfigurationAPI"), ("Client", "Client"), ("Weather", "Weather"),
        ("my-service", "MyService"),
    ])
    func defaultNames(module: String, expected: String) {
        #expect(Naming.clientName(forModule: module) == expected)
    }
}
