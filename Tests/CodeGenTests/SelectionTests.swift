@testable import CodeGen
import Foundation
import SpecParser
import Testing

/// Generating some operations of a spec, with the types they reach, and
/// the declarations at another access level.
struct SelectionTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Shop, version: '1'}
        servers: [{url: 'https://shop.example.com'}]
        paths:
          /v1/customers:
            get:
              operationId: listCustomers
              tags: [Customers]
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/CustomerList'}}}}
          /v1/customers/{id}:
            get:
              operationId: getCustomer
              tags: [Customers]
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
          /v1/invoices:
            post:
              operationId: createInvoice
              tags: [Invoices]
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Invoice'}}}
              responses:
                '200': {description: ok}
        components:
          schemas:
            CustomerList:
              type: object
              properties: {data: {type: array, items: {$ref: '#/components/schemas/Customer'}}}
            Customer:
              type: object
              properties: {address: {$ref: '#/components/schemas/Address'}}
            Address:
              type: object
              properties: {city: {type: string}}
            Invoice:
              type: object
              properties: {total: {type: integer}}
            Unused:
              type: string
              enum: [a, b]
        """

    func generate(_ selection: OperationSelection, access: AccessLevel = .public) -> Generator.Output {
        Generator(options: .init(clientName: "Shop", selection: selection, access: access),
                  loader: SpecLoader(source: InMemorySource(["shop.yml": Self.spec])))
            .generate(specPath: "shop.yml")
    }

    func declared(_ output: Generator.Output) -> [String] {
        output.files.map(\.path).filter { $0.hasPrefix("Types/") || $0.hasPrefix("Operations/") }
    }

    @Test func nothingSelectedIsEverything() {
        #expect(declared(generate(OperationSelection())) == [
            "Operations/CreateInvoice.swift", "Operations/GetCustomer.swift", "Operations/ListCustomers.swift",
            "Types/Address.swift", "Types/Customer.swift", "Types/CustomerList.swift", "Types/Invoice.swift",
            "Types/Unused.swift",
        ])
    }

    @Test func anOperationBringsTheTypesItReaches() {
        let output = generate(OperationSelection(operationIds: [.init("listCustomers")]))
        #expect(output.diagnostics.all.isEmpty)
        #expect(declared(output) == [
            "Operations/ListCustomers.swift", "Types/Address.swift", "Types/Customer.swift", "Types/CustomerList.swift",
        ])
    }

    @Test func tagsAndPathPatternsSelectToo() {
        #expect(declared(generate(OperationSelection(tags: [.init("Invoices")]))) == [
            "Operations/CreateInvoice.swift", "Types/Invoice.swift",
        ])
        #expect(declared(generate(OperationSelection(paths: [.init("/v1/customers/*")]))) == [
            "Operations/GetCustomer.swift", "Types/Address.swift", "Types/Customer.swift",
        ])
    }

    @Test func anEntryThatSelectsNothingIsALocatedWarning() {
        let location = SourceLocation(file: "openapi-clients.yml", line: 7, column: 9)
        let output = generate(OperationSelection(operationIds: [.init("getCustomer"), .init("nope", location: location)]))
        #expect(output.diagnostics.all.map(\.description) == [
            "openapi-clients.yml:7:9: warning: the selection 'nope' matches no operation of the spec",
        ])
        #expect(declared(output).contains("Operations/GetCustomer.swift"))
    }

    @Test(arguments: [
        ("/v1/customers*", "/v1/customers", true), ("/v1/customers*", "/v1/customers/{id}", true),
        ("/v1/*/items", "/v1/orders/items", true), ("/v1/*/items", "/v1/orders/items/1", false),
        ("*invoices", "/v1/invoices", true), ("/v1/customers", "/v1/customers/{id}", false), ("*", "/x", true),
    ])
    func pathPatterns(pattern: String, path: String, matches: Bool) {
        #expect(OperationSelection.matches(pattern: pattern, path) == matches)
    }

    /// `package` and `internal` modules declare nothing public, the runtime
    /// included, and compile with and without `InternalImportsByDefault`.
    @Test(arguments: [AccessLevel.package, .internal])
    func otherAccessLevelsCompile(access: AccessLevel) async throws {
        let output = generate(OperationSelection(), access: access)
        for file in output.files {
            let declarations = file.contents.split(separator: "\n").filter { !$0.contains("///") && $0.contains("public ") }
            #expect(declarations.isEmpty, "\(file.path): \(declarations)")
        }
        #expect(contents(output, "Shop.swift").contains(access == .package ? "package struct Shop" : "nonisolated struct Shop"))
        for flags in [[], ["-enable-upcoming-feature", "InternalImportsByDefault"]] {
            let result = try await compile(output.files, moduleName: "Shop", extraFlags: flags)
            #expect(result.succeeded, "\(result.output)")
        }
    }
}
