import SpecParser
import Testing

/// Diagnostics: the compiler format, collection and file order.
@Suite struct DiagnosticsTests {
    @Test func descriptionIsTheCompilerFormat() {
        let at = location("spec/api.yml", 12, 5)
        #expect(at.description == "spec/api.yml:12:5")
        #expect(Diagnostic(.error, "something is wrong", at: at).description
            == "spec/api.yml:12:5: error: something is wrong")
        #expect(Diagnostic(.warning, "be careful", at: at).description == "spec/api.yml:12:5: warning: be careful")
        #expect(Diagnostic(.note, "by the way", at: at).description == "spec/api.yml:12:5: note: by the way")
        #expect(Diagnostic(.error, "nowhere", at: nil).description == "error: nowhere")
        // One diagnostic, one line.
        #expect(Diagnostic(.error, "two\nlines", at: at).description == "spec/api.yml:12:5: error: two lines")
        // A carriage return, alone or before a line feed, cannot rewrite the start of the line.
        #expect(Diagnostic(.error, "name 'a\rb' and\r\nmore", at: at).description
            == "spec/api.yml:12:5: error: name 'a b' and  more")
    }

    @Test func severitiesAreOrdered() {
        #expect(Diagnostic.Severity.note < .warning)
        #expect(Diagnostic.Severity.warning < .error)
        #expect([Diagnostic.Severity.warning, .error, .note].max() == .error)
        #expect([Diagnostic.Severity.warning, .error, .note].min() == .note)
    }

    @Test func collectsEverything() {
        var diagnostics = Diagnostics()
        #expect(!diagnostics.hasErrors)
        diagnostics.warning("w", at: location(1, 1))
        #expect(!diagnostics.hasErrors)
        diagnostics.error("e", at: location(2, 1))
        diagnostics.append(Diagnostic(.note, "n", at: nil))
        var more = Diagnostics()
        more.error("e2", at: nil)
        diagnostics.append(contentsOf: more)
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.all.map(\.message) == ["w", "e", "n", "e2"])
        #expect(diagnostics.errors.map(\.message) == ["e", "e2"])
        #expect(diagnostics.warnings.map(\.message) == ["w"])
    }

    @Test func sortedIsFileOrderWithoutDuplicates() {
        var diagnostics = Diagnostics()
        diagnostics.error("late", at: location("b.yml", 1, 1))
        diagnostics.error("line 10", at: location("a.yml", 10, 1))
        diagnostics.warning("line 2 column 9", at: location("a.yml", 2, 9))
        diagnostics.error("line 2 column 10", at: location("a.yml", 2, 10))
        diagnostics.error("no place", at: nil)
        diagnostics.error("line 10", at: location("a.yml", 10, 1))
        diagnostics.error("same place, found second", at: location("a.yml", 10, 1))
        diagnostics.warning("no place either", at: nil)
        #expect(diagnostics.sorted.map(\.description) == [
            "error: no place",
            "warning: no place either",
            "a.yml:2:9: warning: line 2 column 9",
            "a.yml:2:10: error: line 2 column 10",
            "a.yml:10:1: error: line 10",
            "a.yml:10:1: error: same place, found second",
            "b.yml:1:1: error: late",
        ])
        // `all` keeps everything, duplicates included, in the order found.
        #expect(diagnostics.all.count == 8)
        #expect(diagnostics.all.first?.message == "late")
    }

    @Test func locationsCompareByFileThenLineThenColumn() {
        #expect(location("a.yml", 2, 10) < location("a.yml", 10, 1))
        #expect(location("a.yml", 2, 9) < location("a.yml", 2, 10))
        #expect(location("a.yml", 99, 99) < location("b.yml", 1, 1))
        #expect(!(location("a.yml", 1, 1) < location("a.yml", 1, 1)))
    }

    @Test func everyErrorOfASpecIsReported() {
        let result = loadSpec("""
            openapi: 3.1.0
            info:
              version: '1'
            paths:
              /a/{id}:
                get:
                  operationId: a
            components:
              schemas:
                Bad: {$ref: '#/components/schemas/Missing'}

            """)
        #expect(result.diagnostics.errors.count == 2)
        #expect(result.diagnostics.errorDescriptions == [
            "spec.yml:3:3: error: 'info' has no 'title'",
            "spec.yml:10:17: error: cannot resolve '#/components/schemas/Missing': there is no 'Missing' in spec.yml",
        ])
        // An operation that cannot be called is left out, with a warning.
        #expect(result.diagnostics.warningDescriptions == [
            "spec.yml:7:7: warning: path '/a/{id}' uses '{id}' but no path parameter of that name is declared; "
                + "GET /a/{id} is left out"
        ])
        // Errors do not keep the rest of the document from being read.
        #expect(result.document?.operation("a") == nil)
        #expect(result.document?.schemas.map(\.name) == ["Bad"])
    }

    @Test func errorsAcrossFilesAreSortedByFile() {
        let files = [
            "root.yml": specHeader + """
                paths:
                  /x:
                    get:
                      parameters: [{name: q, in: nowhere}]
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: 'z.yml#/Thing'}

                """,
            "z.yml": "Thing:\n  type: whatever\n",
        ]
        let result = SpecLoader(source: InMemorySource(files)).load(path: "root.yml")
        #expect(result.diagnostics.errorDescriptions == [
            "root.yml:8:34: error: parameter 'q' has 'in: nowhere'; it must be path, query, header or cookie",
            "z.yml:2:9: error: 'whatever' is not a JSON Schema type (string, integer, number, boolean, array, object, null)",
        ])
    }
}
