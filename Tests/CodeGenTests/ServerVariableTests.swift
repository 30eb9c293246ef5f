import CodeGen
import Testing

/// Server variables: each server with variables is a static function of the
/// client that builds its URL, typed where the spec lists the values, and
/// `servers` keeps each URL with the defaults.
struct ServerVariableTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        servers:
          - url: https://{region}.api.example.com/{version}
            variables:
              region: {default: us, enum: [us, eu, ap-south], description: Where the data lives.}
              version: {default: v1}
          - url: https://{region}.sandbox.example.com
            variables:
              region: {default: eu, enum: [us, eu, ap-south]}
              unused: {default: x}
        paths: {}
        """

    @Test func aServerWithVariablesIsAFunctionTypedByItsEnums() {
        let output = generate(Self.spec)
        #expect(!output.diagnostics.hasErrors)
        let client = contents(output, "Client.swift")
        #expect(client.contains("""
                public static let servers: [URL] = [
                    URL(string: "https://us.api.example.com/v1")!, URL(string: "https://eu.sandbox.example.com")!,
                ]
            """))
        // A free variable may make an invalid URL: the first function's result is optional.
        #expect(client.contains("""
                /// - Parameters:
                ///   - region: Where the data lives.
                /// - Returns: The server's URL with these values; nil when they do not make a URL.
                public static func server(region: ServerRegion = .us, version: String = "v1") -> URL? {
                    URL(string: "https://" + region.rawValue + ".api.example.com/" + version)
                }
            """))
        // Every listed value was checked: the second's is not. Both share one enum.
        #expect(client.contains("""
                public static func server2(region: ServerRegion = .eu) -> URL {
                    URL(string: "https://" + region.rawValue + ".sandbox.example.com")!
                }
            """))
        #expect(client.components(separatedBy: "enum ServerRegion").count == 2)
        #expect(client.contains("        case apSouth = \"ap-south\"\n"))
    }

    @Test func aListedValueThatMakesNoURLIsAWarningAndTheResultOptional() {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            servers:
              - url: https://{tenant}.example.com
                variables:
                  tenant: {default: acme, enum: [acme, 'bad host']}
            paths: {}
            """)
        #expect(output.diagnostics.all.map(\.description) == [
            "test.yml:6:15: warning: the value 'bad host' of server variable 'tenant' does not make an absolute URL"
        ])
        #expect(contents(output, "Client.swift").contains("public static func server(tenant: ServerTenant = .acme) -> URL? {"))
    }

    @Test func aDefaultOutsideTheEnumIsAWarning() {
        let output = generate("""
            openapi: 3.1.0
            info: {title: T, version: '1'}
            servers:
              - url: https://{tenant}.example.com
                variables:
                  tenant: {default: other, enum: [acme]}
            paths: {}
            """)
        #expect(output.diagnostics.all.map(\.description).contains(
            "test.yml:6:25: warning: the default 'other' of server variable 'tenant' is not one of its enum values"))
    }

    /// Built and run: the functions make the URLs the template says.
    @Test func theFunctionsBuildTheirURLs() async throws {
        let output = generate(Self.spec)
        let main = """
            print(Client.servers.map(\\.absoluteString))
            print(Client.server()?.absoluteString ?? "nil")
            print(Client.server(region: .apSouth, version: "v2")?.absoluteString ?? "nil")
            print(Client.server2(region: .us).absoluteString)
            print(Client.ServerRegion.allCases.map(\\.rawValue))
            """
        let printed = try await compileAndRun(output.files, main: main, input: "").split(separator: "\n").map(String.init)
        #expect(printed == [
            #"["https://us.api.example.com/v1", "https://eu.sandbox.example.com"]"#,
            "https://us.api.example.com/v1",
            "https://ap-south.api.example.com/v2",
            "https://us.sandbox.example.com",
            #"["us", "eu", "ap-south"]"#,
        ])
    }
}
