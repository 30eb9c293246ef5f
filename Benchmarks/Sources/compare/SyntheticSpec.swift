import Foundation

/// OpenAPI documents of any number of operations, all alike, so that the
/// work per operation is constant and time per operation shows how a
/// generator scales.
///
/// Operation `i` is `POST /widgets{i}/{widgetId}?limit=` with a path
/// parameter, an integer query parameter, a JSON request body
/// (`Widget{i}Input`) and a JSON response (`Widget{i}`), plus an error
/// response. Each operation has its own two schemas, so the number of types
/// grows with the number of operations too, as in real specs.
enum SyntheticSpec {
    static func yaml(operations: Int) -> String {
        var text = """
            openapi: 3.0.3
            info:
              title: Synthetic benchmark API
              version: 1.0.0
            servers:
              - url: https://api.example.com
            paths:

            """
        text.reserveCapacity(operations * 1_700)
        for index in 0..<operations {
            text += """
                  /widgets\(index)/{widgetId}:
                    post:
                      operationId: updateWidget\(index)
                      summary: Updates widget family \(index).
                      parameters:
                        - name: widgetId
                          in: path
                          required: true
                          schema:
                            type: string
                        - name: limit
                          in: query
                          required: false
                          schema:
                            type: integer
                            format: int32
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              $ref: '#/components/schemas/Widget\(index)Input'
                      responses:
                        '200':
                          description: The updated widget.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/Widget\(index)'
                        '404':
                          description: No such widget.

                """
        }
        text += "components:\n  schemas:\n"
        for index in 0..<operations {
            text += """
                    Widget\(index)Input:
                      type: object
                      required: [name]
                      properties:
                        name:
                          type: string
                        count:
                          type: integer
                        tags:
                          type: array
                          items:
                            type: string
                    Widget\(index):
                      type: object
                      required: [id, name]
                      properties:
                        id:
                          type: string
                        name:
                          type: string
                        count:
                          type: integer
                        createdAt:
                          type: string
                          format: date-time

                """
        }
        return text
    }

    /// Writes the spec of `operations` operations into `folder` and returns its path.
    static func write(operations: Int, into folder: String) throws(BenchmarkError) -> String {
        let path = folder + "/synthetic-\(operations).yaml"
        do {
            try yaml(operations: operations).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw BenchmarkError("cannot write \(path): \(error.localizedDescription)")
        }
        return path
    }
}
