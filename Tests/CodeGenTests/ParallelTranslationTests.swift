@testable import CodeGen
import Foundation
import SpecParser
import Testing

/// With many component schemas or operations, the translator does the
/// second half of them on another core (Translate/TwoCores.swift). The model
/// must be the one a single thread makes: the same files, byte for byte,
/// and the same diagnostics in the same order.
@Suite struct ParallelTranslationTests {
    /// The files and diagnostics of `text`, with the components and the
    /// operations translated on two cores from `forTwoCores` of them on.
    static func generate(_ text: String, file: String, forTwoCores: Int) -> (files: [GeneratedFile], diagnostics: [String]) {
        let loaded = SpecLoader(source: InMemorySource([file: text])).load(path: file)
        guard let document = loaded.document else { return ([], loaded.diagnostics.all.map(\.description)) }
        var options = Translator.Options(clientName: "Client")
        options.componentsForTwoCores = forTwoCores
        options.operationsForTwoCores = forTwoCores
        let translated = Translator(options: options).translate(document)
        let files = Renderer(options: .init(clientName: "Client", specName: file)).render(translated.model)
        return (files, translated.diagnostics.all.map(\.description))
    }

    /// Compares one spec both ways.
    static func expectSameBothWays(_ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let alone = generate(text, file: file, forTwoCores: .max)
        let split = generate(text, file: file, forTwoCores: 2)
        #expect(!alone.files.isEmpty, sourceLocation: sourceLocation)
        #expect(split.diagnostics == alone.diagnostics, "\(file)", sourceLocation: sourceLocation)
        #expect(split.files.map(\.path) == alone.files.map(\.path), "\(file)", sourceLocation: sourceLocation)
        for (mine, theirs) in zip(split.files, alone.files) where mine != theirs {
            Issue.record("\(file): \(mine.path) differs when translated on two cores", sourceLocation: sourceLocation)
        }
    }

    static let specs: [String] = {
        let reference = Paths.packageRoot + "/Tests/Reference/Specs"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: reference)) ?? []
        return [Paths.spec, Paths.packageRoot + "/spec/pixazo-openapi.yml"]
            + files.filter { $0.hasSuffix(".yml") }.sorted().map { reference + "/" + $0 }
    }()

    @Test(arguments: specs)
    func ourSpecsTranslateTheSameOnTwoCores(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        Self.expectSameBothWays(text, file: (path as NSString).lastPathComponent)
    }

    /// The first half names a top-level type (`ListsElementItem`, for the
    /// inline objects of an array), and the second half has a nested type
    /// suggested with that name, which one thread names
    /// `ListsElementItemSchema` because the top-level name is taken by then. The second half, which
    /// did not see that name, is declared again after the first.
    @Test func aTopLevelNameTheFirstHalfMakesIsSeenByTheSecond() {
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: getA
                  responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Zed'}}}}}
              /b:
                get:
                  operationId: getB
                  responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Lists'}}}}}
            components:
              schemas:
                Lists: {type: array, items: {type: object, properties: {name: {type: string}}}}
                Zed: {type: object, properties: {lists_element_item: {type: object, properties: {size: {type: integer}}}}}
            """
        Self.expectSameBothWays(spec, file: "names.yml")
        let zed = Self.generate(spec, file: "names.yml", forTwoCores: 2).files.first { $0.path == "Types/Zed.swift" }
        #expect(zed?.contents.contains("struct ListsElementItemSchema") == true, "\(zed?.contents ?? "no Zed")")
    }

    /// The same for operations: the first names `GetThingResponse`, which the
    /// second's request has a nested type suggested as. And the error body
    /// cases: the first half's `json` (a body without a schema), then the
    /// second half's `Json` type, which one thread names `json2`, and the
    /// second half, which did not see `json`, named `json`.
    @Test func operationsOnTwoCoresNameAsOneThreadDoes() {
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /thing:
                get:
                  operationId: getThing
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
                    default: {description: failed, content: {application/json: {}}}
              /other:
                post:
                  operationId: postOther
                  requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {get_thing_response: {type: object, properties: {a: {type: string}}}}}}}}
                  responses:
                    '204': {description: done}
                    '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Json'}}}}
            components:
              schemas:
                Json: {type: object, properties: {message: {type: string}}}
            """
        Self.expectSameBothWays(spec, file: "operations.yml")
        let files = Self.generate(spec, file: "operations.yml", forTwoCores: 2).files
        let request = files.first { $0.path == "Types/OtherRequest.swift" }?.contents ?? ""
        #expect(request.contains("struct GetThingResponseSchema"), "\(request)")
        let errors = files.first { $0.path == "DocumentedErrorBody.swift" }?.contents ?? ""
        #expect(errors.contains("case json(JSONValue)") && errors.contains("case json2(Json)"), "\(errors)")
        let other = files.first { $0.path == "Operations/Other.swift" }?.contents ?? ""
        #expect(other.contains("DocumentedErrorBody.json2"), "\(other)")
    }
}


/// The same comparison over the corpus of other authors' specs (Stripe's,
/// OpenAI's...), where ../shared is beside the package: slow in a debug
/// build, so outside the quick loop.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Paths.packageRoot + "/../shared/corpus"), "../shared/corpus is absent"))
struct ParallelTranslationCorpusSlowTests {
    @Test func corpusSpecsTranslateTheSameOnTwoCores() throws {
        let folder = Paths.packageRoot + "/../shared/corpus"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json")
        }
        #expect(!files.isEmpty)
        for file in files.sorted() {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            ParallelTranslationTests.expectSameBothWays(text, file: file)
        }
    }
}
