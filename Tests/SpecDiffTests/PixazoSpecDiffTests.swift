import Foundation
import SpecDiff
import SpecParser
import Testing

/// `diff` on the Pixazo gateway's spec: nothing against itself, and the
/// changes a gateway update could make, each with its rule and severity.
struct PixazoSpecDiffTests {
    static let path = Paths.packageRoot + "/spec/pixazo-openapi.yml"

    func changes(_ edits: [(String, String)]) throws -> [SpecChange] {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let edited = try IdeogramSpecDiffTests.applying(edits, to: text)
        let loader = SpecLoader(source: InMemorySource(["old.yml": text, "new.yml": edited]))
        let old = try #require(loader.load(path: "old.yml").document)
        let new = try #require(loader.load(path: "new.yml").document)
        return SpecComparer().compare(old: old, new: new)
    }

    @Test func theSpecAgainstItselfHasNoChange() throws {
        #expect(try changes([]).isEmpty)
    }

    @Test func aGatewayUpdateIsReportedRuleByRule() throws {
        let found = try changes([
            // sync_mode becomes required in the submission.
            (IdeogramSpecDiffTests.block("      required:", "        - image_url", "      description: A background removal job."),
             IdeogramSpecDiffTests.block("      required:", "        - image_url", "        - sync_mode", "      description: A background removal job.")),
            // A new job stage the server may send.
            (IdeogramSpecDiffTests.block("        - FAILED", "        - ERROR"),
             IdeogramSpecDiffTests.block("        - FAILED", "        - ERROR", "        - CANCELLED")),
        ])
        let summary = found.map { "\($0.severity.rawValue) \($0.rule)" }.sorted()
        #expect(summary == ["breaking request-property-became-required", "warning enum-value-added"], "\(found)")
        let added = try #require(found.first { $0.rule == "enum-value-added" })
        #expect(added.operations.contains("GET /v2/requests/status/{request_id}"))
    }
}
