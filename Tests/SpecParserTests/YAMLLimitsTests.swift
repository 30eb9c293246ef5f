import SpecParser
import Testing

/// Hostile or broken YAML ends in one located error, never a hang or a crash.
@Suite struct YAMLLimitsTests {
    @Test func deepFlowSequencesStopAtTheDepthLimit() throws {
        let limit = YAMLLimits.default.maxDepth
        #expect(limit == 256)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        let error = #expect(throws: YAMLError.self) { try readYAML(tooDeep, file: "deep.yml") }
        #expect(error?.message == "nesting is deeper than the limit of 256 levels")
        // The sequence that goes one level too deep.
        #expect(error?.location == location("deep.yml", 1, limit + 1))

        // Exactly at the limit is fine.
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        var node = try readYAML(atLimit).root
        var depth = 1
        while let inner = node.sequence?.first {
            node = inner
            depth += 1
        }
        #expect(depth == limit)
    }

    @Test func deepBlockMappingsStopAtTheDepthLimit() throws {
        let limit = YAMLLimits.default.maxDepth
        var text = ""
        for level in 0...limit {
            text += String(repeating: "  ", count: level) + "a:\n"
        }
        let error = #expect(throws: YAMLError.self) { try readYAML(text, file: "deep.yml") }
        #expect(error?.message == "nesting is deeper than the limit of 256 levels")
        // Mapping number limit + 1 starts on line limit + 1, indented by 2 * limit.
        #expect(error?.location == location("deep.yml", limit + 1, 2 * limit + 1))
    }

    @Test func deepNestingInALoadedSpecIsADiagnostic() throws {
        let text = "openapi: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        let result = loadSpec(text)
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:1:265: error: nesting is deeper than the limit of 256 levels"
        ])
    }

    @Test func aliasesCountTowardTheDepthAtTheAlias() throws {
        let limits = YAMLLimits(maxDepth: 4)
        // Three levels under the root mapping: fine where the anchor is defined.
        let text = "base: &b [[[1]]]\nuse: [*b]\n"
        let error = #expect(throws: YAMLError.self) { try readYAML(text, limits: limits) }
        #expect(error?.message == "nesting is deeper than the limit of 4 levels")
        #expect(error?.location == location("test.yml", 2, 7))
        #expect(throws: Never.self) { try readYAML("base: &b [[[1]]]\nuse: *b\n", limits: limits) }
    }

    @Test func billionLaughsEndsInAnError() throws {
        var lines = ["l0: &l0 \"lol\""]
        for level in 1...9 {
            let items = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(items)]")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let error = #expect(throws: YAMLError.self) { try readYAML(text, file: "bomb.yml") }
        #expect(error?.message
            == "aliases copy in more than 100000 nodes, more than the file writes out itself and over the limit of 100000")
        // l1 to l4 copy in 12,340 nodes; the eighth copy of l4 (11,111 nodes each)
        // in l5's list crosses 100,000: the error points at that alias.
        #expect(error?.location == location("bomb.yml", 6, "l5: &l5 [".count + 7 * "*l4, ".count + 1))

        // Without that limit, the one on all nodes stops it. Seven copies of l6
        // (1,111,111 nodes each) in l7's list cross 8,000,000.
        let unbounded = YAMLLimits(maxAliasedNodes: .max)
        let total = #expect(throws: YAMLError.self) { try readYAML(text, file: "bomb.yml", limits: unbounded) }
        #expect(total?.message == "the document expands to more than 8000000 nodes (are aliases nested too deep?)")
        #expect(total?.location == location("bomb.yml", 8, "l7: &l7 [".count + 6 * "*l6, ".count + 1))

        // Through the loader, it is a diagnostic and no document.
        let result = loadSpec(text)
        #expect(result.document == nil)
        #expect(result.diagnostics.errors.count == 1)
        #expect(result.diagnostics.errors.first?.message.hasPrefix("aliases copy in more than") == true)
    }

    /// Aliases may copy in up to the limit, or as many nodes as the file
    /// writes out itself when it writes more.
    @Test func aliasesCopyInNoMoreThanTheLimitOrTheWrittenNodes() throws {
        let limits = YAMLLimits(maxAliasedNodes: 5)
        // The anchored list is 4 nodes. One copy is within the limit of 5.
        #expect(throws: Never.self) { try readYAML("a: &a [1, 2, 3]\nb: [*a]\n", limits: limits) }
        // Two copies (8 nodes) are over it, but the file writes out 8 nodes itself
        // before the second: the root, two keys, the anchored list and its three items, b's list.
        #expect(throws: Never.self) { try readYAML("a: &a [1, 2, 3]\nb: [*a, *a]\n", limits: limits) }
        // A third copy makes 12, more than both.
        let error = #expect(throws: YAMLError.self) {
            try readYAML("a: &a [1, 2, 3]\nb: [*a, *a, *a]\n", limits: limits)
        }
        #expect(error?.description
            == "test.yml:2:13: error: aliases copy in more than 8 nodes, more than the file writes out itself and over the limit of 5")
        // Merge keys copy through aliases too.
        let merged = #expect(throws: YAMLError.self) {
            try readYAML("a: &a {x: 1, y: 2}\nb: {<<: *a}\nc: {<<: *a}\nd: {<<: *a}\ne: {<<: *a}\n",
                         limits: YAMLLimits(maxAliasedNodes: 10))
        }
        // The fourth copy of a's 5 nodes makes 20, over the 19 nodes written out by then.
        #expect(merged?.description
            == "test.yml:5:9: error: aliases copy in more than 19 nodes, more than the file writes out itself and over the limit of 10")
    }

    @Test func smallNodeLimit() throws {
        let limits = YAMLLimits(maxNodes: 12)
        let error = #expect(throws: YAMLError.self) {
            try readYAML("a: &a [1, 2, 3]\nb: [*a, *a]\n", limits: limits)
        }
        #expect(error?.message == "the document expands to more than 12 nodes (are aliases nested too deep?)")
        #expect(error?.location == location("test.yml", 2, 9))
        #expect(throws: Never.self) { try readYAML("a: &a [1, 2, 3]\nb: [*a]\n", limits: limits) }
    }

    @Test func inputSizeLimit() throws {
        let text = "key: a value of 30 bytes long\n"
        #expect(text.utf8.count == 30)
        let error = #expect(throws: YAMLError.self) {
            try readYAML(text, file: "big.yml", limits: YAMLLimits(maxInputBytes: 29))
        }
        #expect(error?.description == "big.yml:1:1: error: the file is 30 bytes, over the limit of 29 bytes")
        #expect(throws: Never.self) { try readYAML(text, limits: YAMLLimits(maxInputBytes: 30)) }

        let result = SpecLoader.load(text: text, file: "big.yml", limits: YAMLLimits(maxInputBytes: 10))
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == [
            "big.yml:1:1: error: the file is 30 bytes, over the limit of 10 bytes"
        ])
    }

    @Test func aliasToAnUndefinedAnchor() throws {
        let error = #expect(throws: YAMLError.self) { try readYAML("a: 1\nb: *nope\n") }
        #expect(error?.description == "test.yml:2:4: error: alias '*nope' names no anchor defined before it")
        // An anchor defined after the alias does not count.
        let later = #expect(throws: YAMLError.self) { try readYAML("a: *x\nb: &x 1\n") }
        #expect(later?.location == location("test.yml", 1, 4))
    }

    @Test(arguments: [
        ("a: \"abc\nb: 1\n", "3:1: error: found unexpected end of stream (while scanning a quoted scalar)"),
        ("a:\n  b: 1\n c: 2\n", "3:2: error: did not find expected key (while parsing a block mapping)"),
        ("a: [1, 2\n", "2:1: error: did not find expected ',' or ']' (while parsing a flow sequence)"),
    ])
    func malformedYAMLIsLocated(text: String, expected: String) throws {
        let error = #expect(throws: YAMLError.self) { try readYAML(text, file: "bad.yml") }
        #expect(error?.description == "bad.yml:" + expected)
        #expect(error?.diagnostic.severity == .error)

        let result = loadSpec(text, file: "bad.yml")
        #expect(result.document == nil)
        #expect(result.diagnostics.errorDescriptions == ["bad.yml:" + expected])
    }
}
