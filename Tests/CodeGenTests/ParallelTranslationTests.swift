@testable import CodeGen
import Foundation
import SpecParser
import Testing

/// With many component schemas, the translator declares the second half on
/// another core (`TranslationContext.declareComponents`). The model must be
/// the one a single thread makes: the same files, byte for byte, and the
/// same diagnostics in the same order.
@Suite struct ParallelTranslationTests {
    /// The files and diagnostics of `text`, with the components declared on
    /// two cores from `componentsForTwoCores` of them on.
    static func generate(_ text: String, file: String, componentsForTwoCores: Int) -> (files: [GeneratedFile], diagnostics: [String]) {
        let loaded = SpecLoader(source: InMemorySource([file: text])).load(path: file)
        guard let document = loaded.document else { return ([], loaded.diagnostics.all.map(\.description)) }
        var options = Translator.Options(clientName: "Client")
        options.componentsForTwoCores = componentsForTwoCores
        let translated = Translator(options: options).translate(document)
        let files = Renderer(options: .init(clientName: "Client", specName: file)).render(translated.model)
        return (files, translated.diagnostics.all.map(\.description))
    }

    /// Compares one spec both ways.
    static func expectSameBothWays(_ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let alone = generate(text, file: file, componentsForTwoCores: .max)
        let split = generate(text, file: file, componentsForTwoCores: 2)
        #expect(!alone.files.isEmpty, sourceLocation: sourceLocation)
        #expect(split.diagnostics == alone.diagnostics, "\(file)", sourceLocation: sourceLocation)
        #expect(split.files.map(\.path) == alone.files.map(\.path), "\(file)", sourceLocation: sourceLocation)
        for (mine, theirs) in zip(split.files, alone.files) where mine != theirs {
            Issue.record("\(file): \(mine.path) differs when the components are declared on two cores", sourceLocation: sourceLocation)
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
        let zed = Self.generate(spec, file: "names.yml", componentsForTwoCores: 2).files.first { $0.path == "Types/Zed.swift" }
        #expect(zed?.contents.contains("struct ListsElementItemSchema") == true, "\(zed?.contents ?? "no Zed")")
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
