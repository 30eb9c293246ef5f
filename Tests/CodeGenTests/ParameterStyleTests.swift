import CodeGen
import Testing

/// Styles the generated client does not send as OpenAPI defines them are
/// never dropped in silence: each gets a located warning that says what is
/// sent instead.
@Suite struct ParameterStyleTests {
    @Test func unsupportedStylesAndAllowReservedAreWarnedAboutWhereTheSpecWritesThem() {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /colors/{label}/{matrix}:
                get:
                  operationId: getColors
                  parameters:
                    - {name: label, in: path, required: true, style: label, schema: {type: string}}
                    - {name: matrix, in: path, required: true, style: matrix, schema: {type: string}}
                    - {name: spaced, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
                    - {name: piped, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
                    - {name: joined, in: query, explode: false, schema: {type: array, items: {type: string}}}
                    - {name: reserved, in: query, allowReserved: true, schema: {type: string}}
                    - {name: plain, in: query, schema: {type: array, items: {type: string}}}
                    - {name: X-Deep, in: header, style: deepObject, schema: {type: object, properties: {a: {type: string}}}}
                  responses: {'204': {description: none}}
            """)
        #expect(!output.diagnostics.hasErrors)
        #expect(output.diagnostics.all.map(\.description) == [
            "test.yml:8:11: warning: parameter 'label' of GET /colors/{label}/{matrix} asks for the 'label' style, which the generated client does not send yet; it is sent in the 'simple' style",
            "test.yml:9:11: warning: parameter 'matrix' of GET /colors/{label}/{matrix} asks for the 'matrix' style, which the generated client does not send yet; it is sent in the 'simple' style",
            "test.yml:10:11: warning: parameter 'spaced' of GET /colors/{label}/{matrix} asks for the 'spaceDelimited' style, which the generated client does not send yet; it is sent in the 'form' style",
            "test.yml:11:11: warning: parameter 'piped' of GET /colors/{label}/{matrix} asks for the 'pipeDelimited' style, which the generated client does not send yet; it is sent in the 'form' style",
            "test.yml:12:11: warning: parameter 'joined' of GET /colors/{label}/{matrix} is sent in the 'form' style without exploding, with the commas between its values percent-encoded (%2C), where OpenAPI writes them as they are",
            "test.yml:13:11: warning: parameter 'reserved' of GET /colors/{label}/{matrix} allows reserved characters, but the generated client percent-encodes them all",
            "test.yml:15:11: warning: parameter 'X-Deep' of GET /colors/{label}/{matrix} asks for the 'deepObject' style, which the generated client does not send yet; it is sent in the 'simple' style",
        ])
    }
}
