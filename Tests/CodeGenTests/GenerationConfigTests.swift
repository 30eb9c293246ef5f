import CodeGen
import Foundation
import SpecParser
import Testing

/// openapi-clients.yml: what it says is read, every mistake is an error at
/// its line and column, and name overrides reach the generated code.
struct GenerationConfigTests {
    func read(_ text: String) -> (config: GenerationConfig?, messages: [String]) {
        let result = GenerationConfig.read(text, path: "dir/openapi-clients.yml")
        return (result.config, result.diagnostics.all.map(\.description))
    }

    @Test func readsEveryKey() throws {
        let (config, messages) = read("""
            clients:
              - module: ShopClient
                spec: spec/shop.yml
                output: Sources/Shop
                client: ShopAPI
                layout: grouped
                snapshot: false
                names:
                  operations:
                    post-v1-orders: placeOrder
                  types:
                    OrderV1: Order
                  properties:
                    Order.qty: quantity
                  cases:
                    Size.XL: extraLarge
              - spec: pets.yml
                output: Sources/PetsClient
            """)
        #expect(messages.isEmpty)
        let clients = try #require(config?.clients)
        #expect(clients.count == 2)
        let shop = clients[0]
        #expect(shop.module == "ShopClient")
        #expect(shop.clientName == "ShopAPI")
        #expect(shop.layout == .grouped)
        #expect(shop.snapshot == false)
        #expect(shop.names.operations == ["post-v1-orders": "placeOrder"])
        #expect(shop.names.types == ["OrderV1": "Order"])
        #expect(shop.names.properties == ["Order.qty": "quantity"])
        #expect(shop.names.cases == ["Size.XL": "extraLarge"])
        #expect(shop.location.line == 2)
        // Defaults: the module from the output folder, the client from the module, never "Ideogram".
        let pets = clients[1]
        #expect(pets.module == "PetsClient")
        #expect(pets.clientName == "Pets")
        #expect(pets.layout == .split)
        #expect(pets.snapshot)
        #expect(GenerationConfig.resolve(pets.spec, relativeTo: "dir/openapi-clients.yml") == "dir/pets.yml")
        #expect(GenerationConfig.resolve("/abs/pets.yml", relativeTo: "dir/openapi-clients.yml") == "/abs/pets.yml")
    }

    @Test func mistakesAreLocatedErrors() {
        let (config, messages) = read("""
            clients:
              - module: A
                spec: a.yml
                output: Sources/A
                colour: blue
              - module: A
                output: Sources/B
              - module: 'not valid'
                spec: c.yml
                output: Sources/C
                layout: flat
                snapshot: maybe
                names:
                  types:
                    Foo: lowercase
                  properties:
                    nodot: x
                  flavours: {}
            extra: 1
            """)
        #expect(config == nil)
        #expect(messages == [
            "dir/openapi-clients.yml:5:5: error: unknown key 'colour' in a client; the keys are 'module', 'spec', 'output', 'client', 'layout', 'snapshot', 'names', 'operations', 'tags', 'paths', 'access', 'pagination', 'idempotencyKey'",
            "dir/openapi-clients.yml:6:5: error: a client needs 'spec'",
            "dir/openapi-clients.yml:8:13: error: 'module' must be a Swift identifier (ASCII letters, digits and _, not a keyword)",
            "dir/openapi-clients.yml:11:13: error: 'layout' must be 'split' or 'grouped'",
            "dir/openapi-clients.yml:12:15: error: 'snapshot' must be true or false",
            "dir/openapi-clients.yml:15:14: error: type name 'lowercase' must start with a capital letter",
            "dir/openapi-clients.yml:17:9: error: 'nodot' in 'properties' must be written Type.name (the Swift type, then the name on the wire)",
            "dir/openapi-clients.yml:18:7: error: unknown key 'flavours' in 'names'; the keys are 'operations', 'types', 'properties' and 'cases'",
            "dir/openapi-clients.yml:19:1: error: unknown key 'extra'; the config has only 'clients'",
        ])
    }

    @Test func aClientSelectsOperationsAndAnAccessLevel() throws {
        let (config, messages) = read("""
            clients:
              - spec: shop.yml
                output: Sources/Shop
                operations: [listOrders]
                tags: [Invoices, Refunds]
                paths: ['/v1/customers*']
                access: package
            """)
        #expect(messages.isEmpty)
        let shop = try #require(config?.clients.first)
        #expect(shop.selection.operationIds.map(\.value) == ["listOrders"])
        #expect(shop.selection.tags.map(\.value) == ["Invoices", "Refunds"])
        #expect(shop.selection.paths.map(\.value) == ["/v1/customers*"])
        #expect(shop.selection.tags.last?.location?.line == 5)
        #expect(shop.access == .package)
        #expect(Generator.Options(shop).access == .package)
        let (_, mistakes) = read("""
            clients:
              - spec: shop.yml
                output: Sources/Shop
                operations: listOrders
                tags: [[]]
                access: open
            """)
        #expect(mistakes == [
            "dir/openapi-clients.yml:4:17: error: 'operations' must be a list, but it is a scalar",
            "dir/openapi-clients.yml:5:12: error: each of 'tags' must be a text",
            "dir/openapi-clients.yml:6:13: error: 'access' must be 'public', 'package', 'internal'",
        ])
    }

    @Test func twoClientsOfOneNameAndAnEmptyListAreErrors() {
        #expect(read("""
            clients:
              - {module: A, spec: a.yml, output: A}
              - {module: A, spec: b.yml, output: B}
            """).messages == ["dir/openapi-clients.yml:3:5: error: a second client is named 'A' (the first is at dir/openapi-clients.yml:2:5)"])
        #expect(read("clients: []\n").messages == ["dir/openapi-clients.yml:1:1: error: the config lists no client under 'clients'"])
        #expect(read("clients: [\n").messages.first?.hasPrefix("dir/openapi-clients.yml:2:1: error:") == true)
    }

    @Test func selectingAnUnknownClientSaysWhichExist() throws {
        let config = try #require(read("clients:\n  - {module: A, spec: a.yml, output: A}\n  - {module: B, spec: b.yml, output: B}\n").config)
        #expect(try config.clients(named: ["B"]).get().map(\.module) == ["B"])
        #expect(try config.clients(named: []).get().map(\.module) == ["A", "B"])
        guard case .failure(let error) = config.clients(named: ["C"]) else {
            Issue.record("an unknown client was accepted")
            return
        }
        #expect(error.message == "no client 'C' in the config; it lists 'A', 'B'")
    }

    static let shop = """
        openapi: 3.1.0
        info: {title: Shop, version: '1'}
        paths:
          /v1/orders:
            post:
              operationId: post-v1-orders
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/OrderV1'}
              responses:
                '200': {description: ok}
        components:
          schemas:
            OrderV1:
              type: object
              required: [qty]
              properties:
                qty: {type: integer}
                size: {$ref: '#/components/schemas/Size'}
            Size:
              type: string
              enum: [S, XL]
        """

    @Test func overridesNameOperationsTypesPropertiesAndCases() async throws {
        let names = NameOverrides(operations: ["post-v1-orders": "placeOrder"], types: ["OrderV1": "Order"],
                                  properties: ["Order.qty": "quantity"], cases: ["Size.XL": "extraLarge"])
        let output = Generator(options: .init(clientName: "Shop", names: names),
                               loader: SpecLoader(source: InMemorySource(["shop.yml": Self.shop])))
            .generate(specPath: "shop.yml")
        #expect(output.diagnostics.all.isEmpty, "\(output.diagnostics.all)")
        let order = contents(output, "Types/Order.swift")
        #expect(order.contains("public struct Order: Codable, Hashable, Sendable {"))
        #expect(order.contains("public var quantity: Int"))
        #expect(order.contains(#"forKey: "qty""#))
        #expect(contents(output, "Types/Size.swift").contains("case extraLarge"))
        #expect(contents(output, "Operations/PlaceOrder.swift").contains("public func placeOrder(_ request: Order)"))
        #expect(try await compile(output.files, moduleName: "Shop").succeeded)
    }

    @Test func anOverrideThatNamesNothingIsAWarningAtTheConfig() throws {
        let config = try #require(read("""
            clients:
              - spec: shop.yml
                output: Shop
                names:
                  operations: {no-such-operation: x}
                  cases: {Size.XXL: huge}
            """).config)
        let output = Generator(options: Generator.Options(config.clients[0]),
                               loader: SpecLoader(source: InMemorySource(["shop.yml": Self.shop])))
            .generate(specPath: "shop.yml")
        #expect(output.diagnostics.all.map(\.description) == [
            "dir/openapi-clients.yml:5:7: warning: the name override 'no-such-operation' in 'names.operations' is not used: no operation has the operationId 'no-such-operation'",
            "dir/openapi-clients.yml:5:7: warning: the name override 'Size.XXL' in 'names.cases' is not used: no enum has the value 'Size.XXL'",
        ])
    }
}
