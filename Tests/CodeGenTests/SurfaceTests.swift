import CodeGen
import Foundation
import SpecParser
import Testing

/// The public surface read from the API model (`PublicSurface`) is what the
/// generated files declare: each of its declarations is written in them,
/// spelled the same, and each public declaration of the files (read from
/// their text by `PublicDeclarationScanner`) is one of its declarations.
/// Checked on every reference spec and both checked-in clients' specs.
@Suite(.serialized)
struct SurfaceTests {
    /// `(spec path, client name)` of every spec checked.
    static let specs: [(path: String, client: String)] = {
        let folder = Paths.packageRoot + "/Tests/Reference/Specs"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        let references = files.filter { $0.hasSuffix(".yml") }.map { file in
            (folder + "/" + file, Naming.clientName(forModule: String(file.dropLast(4)).capitalized))
        }
        return references + [
            (Paths.spec, "Ideogram"), (Paths.packageRoot + "/spec/pixazo-openapi.yml", "Pixazo"),
        ]
    }()

    /// The files and the surface of the module generated from `path`.
    static func generated(_ path: String, client: String) -> (files: [GeneratedFile], surface: PublicSurface)? {
        let output = Generator(options: .init(clientName: client)).generate(specPath: path)
        guard let model = output.model, !output.files.isEmpty else { return nil }
        return (output.files, PublicSurface(model: model, clientName: client))
    }

    @Test(arguments: specs.map(\.path))
    func everyDeclarationIsWrittenAndEveryPublicLineIsADeclaration(_ path: String) throws {
        let client = try #require(Self.specs.first { $0.path == path }).client
        let (files, surface) = try #require(Self.generated(path, client: client))
        Self.check(files, surface)
    }

    /// What no reference spec has: servers with variables (listed values and
    /// free ones), and security schemes of every placement.
    @Test func serverVariablesAndSecuritySchemes() throws {
        let output = generate(
            """
            openapi: 3.1.0
            info: {title: Regions, version: '1'}
            servers:
              - url: 'https://{region}.example.com/{version}'
                variables:
                  region: {default: us, enum: [us, eu]}
                  version: {default: v1}
              - url: 'https://{tenant}.example.org'
                variables:
                  tenant: {default: main}
            security: [{key: []}]
            paths:
              /ping:
                get:
                  operationId: ping
                  security: [{bearer: []}, {basicAuth: []}]
                  responses: {'204': {description: ok}}
            components:
              securitySchemes:
                key: {type: apiKey, in: header, name: X-Key}
                bearer: {type: http, scheme: bearer}
                basicAuth: {type: http, scheme: basic}
            """, clientName: "Regions")
        let model = try #require(output.model)
        let surface = PublicSurface(model: model, clientName: "Regions")
        Self.check(output.files, surface)
        let keys = surface.declarations.map(\.key)
        #expect(keys.contains("Regions.server(region:version:)"))
        #expect(keys.contains("Regions.ServerRegion.eu"))
        #expect(keys.contains("Regions.SecurityScheme.basicAuth"))
        #expect(keys.contains("Regions.init(apiKey:baseURL:timeout:transport:)"))
    }

    /// Each declaration of `surface` is written in `files`, and each public declaration of `files` is in `surface`.
    static func check(
        _ files: [GeneratedFile], _ surface: PublicSurface, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let scanned = PublicDeclarationScanner.scan(files)
        let written = Dictionary(
            scanned.filter { !$0.file.hasPrefix("Runtime/") }.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let runtime = Set(scanned.filter { $0.file.hasPrefix("Runtime/") }.map(\.signature))
        var declared: Set<String> = []
        for declaration in surface.declarations {
            if declaration.runtimePart != nil {
                #expect(
                    runtime.contains(declaration.signature), "not in the runtime's files: \(declaration.signature)",
                    sourceLocation: sourceLocation)
                continue
            }
            let key = (declaration.container ?? "") + " › " + declaration.signature
            declared.insert(key)
            guard let line = written[key] else {
                Issue.record("\(declaration.key) is not written as \(key)", sourceLocation: sourceLocation)
                continue
            }
            #expect(
                line.isDeprecated == declaration.isDeprecated, "\(declaration.key): deprecation",
                sourceLocation: sourceLocation)
        }
        for line in scanned where !line.file.hasPrefix("Runtime/") && !declared.contains(line.key) {
            Issue.record("not in the surface: \(line)", sourceLocation: sourceLocation)
        }
        #expect(surface.declarations.count > 10, sourceLocation: sourceLocation)
    }

    /// The scanner itself finds what a file declares, so that the check above can fail.
    @Test func theScannerReadsMembersNestedTypesWrappedHeadersAndDeprecations() {
        let text = """
            @available(macOS 13, *)
            nonisolated public struct Pet: Codable, Hashable, Sendable {
                public var name: String
                public static let all: [Pet] = [
                    .init(name: "a"),
                ]
                public init(
                    name: String,
                    tag: String? = nil
                ) {
                    self.name = name
                    let inner = Helper(
                        x: 1
                    )
                }
                public init(from decoder: any Decoder) throws {}
                public enum Kind: String {
                    case dog
                    case undocumented(String)
                    public var rawValue: String {
                        switch self {
                        case .dog: "dog"
                        }
                    }
                }
            }
            extension Client {
                @available(*, deprecated, message: "Deprecated in the API description.")
                @concurrent public func getPet(id: Int) async throws(ClientError) -> Pet {
                    let text = "{"
                    return Pet(name: text)
                }
            }
            """
        let scanned = PublicDeclarationScanner.scan(text, file: "Pet.swift").map {
            "\($0.isDeprecated ? "deprecated " : "")\($0.key)"
        }
        #expect(
            scanned == [
                " › public struct Pet: Codable, Hashable, Sendable",
                "Pet › public var name: String",
                "Pet › public static let all: [Pet]",
                "Pet › public init(name: String, tag: String? = nil)",
                "Pet › public enum Kind: String",
                "Pet.Kind › case dog",
                "Pet.Kind › case undocumented(String)",
                "Pet.Kind › public var rawValue: String",
                "deprecated Client › @concurrent public func getPet(id: Int) async throws(ClientError) -> Pet",
            ])
    }
}
