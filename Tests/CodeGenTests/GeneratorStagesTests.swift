@testable import CodeGen
import Foundation
@testable import SpecParser
import Testing

/// The generator's two stages, `translate(specPath:)` then
/// `render(_:specPath:delivering:)`, as the tool runs them.
struct GeneratorStagesTests {
    /// The renderer hands each file over once, as it returns it, in both
    /// layouts, and the spec's snapshot with them.
    @Test(arguments: Renderer.Layout.allCases)
    func generationDeliversEachFileOnce(layout: Renderer.Layout) {
        let spec = LayoutTests.spec
        var options = Generator.Options(clientName: "Client", layout: layout)
        options.includeSpecSnapshot = true
        let generator = Generator(options: options, loader: SpecLoader(source: InMemorySource(["test.yml": spec])))
        let translated = generator.translate(specPath: "test.yml")
        #expect(translated.files.isEmpty)
        let delivered = Delivered()
        let output = generator.render(translated, specPath: "test.yml") { delivered.append($0) }
        #expect(output.files.contains { $0.path == Generator.Options.snapshotFileName })
        #expect(delivered.files.sorted { $0.path < $1.path } == output.files)
        #expect(output.files == generator.generate(specPath: "test.yml").files)
    }

    /// A spec with errors renders nothing and delivers nothing.
    @Test func aSpecWithErrorsDeliversNothing() {
        let generator = Generator(
            options: .init(clientName: "Client"), loader: SpecLoader(source: InMemorySource(["bad.yml": "openapi: 2.0\n"])))
        let delivered = Delivered()
        let output = generator.render(generator.translate(specPath: "bad.yml"), specPath: "bad.yml") { delivered.append($0) }
        #expect(output.diagnostics.hasErrors)
        #expect(output.files.isEmpty)
        #expect(delivered.files.isEmpty)
    }

    /// Retaining the intermediates keeps the trees, the document and the
    /// translation's tables with the output, and changes no file.
    @Test func retainingIntermediatesKeepsThemAndChangesNothing() {
        let loader = SpecLoader(source: InMemorySource(["test.yml": LayoutTests.spec]))
        var options = Generator.Options(clientName: "Client")
        let plain = Generator(options: options, loader: loader).generate(specPath: "test.yml")
        #expect(plain.intermediates == nil)
        options.retainsIntermediates = true
        let retaining = Generator(options: options, loader: loader).generate(specPath: "test.yml")
        #expect(retaining.files == plain.files)
        let kept = retaining.intermediates?.objects ?? []
        #expect(kept.contains { $0 is DocumentDecoder })
        #expect(kept.contains { $0 is TranslationContext })
        #expect(kept.contains { $0 is Generator.Intermediates.Box<OpenAPIDocument> })
    }
}

/// The files a render delivered, from whichever threads delivered them.
private final class Delivered: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [GeneratedFile] = []

    func append(_ file: GeneratedFile) {
        lock.withLock { collected.append(file) }
    }

    var files: [GeneratedFile] { lock.withLock { collected } }
}
