/// The smallest spec a client of ours can be made for and still be used the
/// way the consumer package uses the Ideogram client: `list-datasets` alone,
/// with its API key header and its two schemas. Its client is the runtime
/// files plus one operation, so its build time shows what our client costs
/// before the spec's size comes in.
enum OneOperationSpec {
    static let yaml = """
        openapi: 3.1.0
        info:
          title: Ideogram, one operation
          version: 1.0.0
        servers:
          - url: https://api.ideogram.ai
        paths:
          /datasets:
            get:
              operationId: list-datasets
              summary: Lists the datasets of the key's owner.
              parameters:
                - name: Api-Key
                  in: header
                  required: true
                  schema:
                    type: string
              responses:
                '200':
                  description: The datasets.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ListDatasetsResponse'
                '401':
                  description: The key was refused.
        components:
          schemas:
            ListDatasetsResponse:
              type: object
              required: [datasets]
              properties:
                datasets:
                  type: array
                  items:
                    $ref: '#/components/schemas/Dataset'
            Dataset:
              type: object
              required: [dataset_id, name]
              properties:
                dataset_id:
                  type: string
                name:
                  type: string
          securitySchemes:
            ApiKeyAuth:
              type: apiKey
              in: header
              name: Api-Key

        """
}
