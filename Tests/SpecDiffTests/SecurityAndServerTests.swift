import SpecDiff
import SpecParser
import Testing

/// Document-wide settings: servers and security requirements.
struct SecurityAndServerTests {
    /// A spec with these servers, document `security` (flow YAML, or nil for
    /// none) and `GET /pets`'s own `security` (likewise).
    static func document(servers: [String] = ["https://api.example.com"], security: String? = nil,
                         operationSecurity: String? = nil) -> String {
        var text = "servers:\n" + servers.map { "  - url: \($0)\n" }.joined()
        if let security { text += "security: \(security)\n" }
        text += """
            paths:
              /pets:
                get:
                  operationId: listPets

            """
        if let operationSecurity { text += "      security: \(operationSecurity)\n" }
        text += """
                  responses:
                    '200':
                      description: OK
            components:
              securitySchemes:
                apiKey: {type: apiKey, in: header, name: Api-Key}
                bearer: {type: http, scheme: bearer}
                oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://example.com/token', scopes: {read: Read, write: Write}}}}

            """
        return spec(text)
    }

    static let api = "https://api.example.com"
    static let eu = "https://eu.example.com"

    @Test func addedServerIsInfo() throws {
        let changes = try diff(Self.document(servers: [Self.api]), Self.document(servers: [Self.api, Self.eu]))
        #expect(changes.rows == ["server-added info both [] /servers"])
        let change = try changes.only("server-added")
        #expect(change.newLocation == at("new.yml", 7, 5))
        #expect(change.message == "server https://eu.example.com was added")
    }

    @Test func removedServerIsAWarning() throws {
        let changes = try diff(Self.document(servers: [Self.api, Self.eu]), Self.document(servers: [Self.api]))
        #expect(changes.rows == ["server-removed warning both [] /servers"])
        #expect(try changes.only("server-removed").oldLocation == at("old.yml", 7, 5))
    }

    @Test func reorderedServersChangeTheDefault() throws {
        let changes = try diff(Self.document(servers: [Self.api, Self.eu]), Self.document(servers: [Self.eu, Self.api]))
        #expect(changes.rows == ["default-server-changed warning both [] /servers/0"])
        #expect(try changes.only("default-server-changed").message == "the default server is now https://eu.example.com")
    }

    @Test func replacedDefaultServerIsRemovedAndAdded() throws {
        let changes = try diff(Self.document(servers: [Self.api]), Self.document(servers: [Self.eu]))
        #expect(changes.rows == ["server-added info both [] /servers", "server-removed warning both [] /servers"])
    }

    @Test func firstSecurityRequirementIsBreaking() throws {
        let changes = try diff(Self.document(), Self.document(security: "[{apiKey: []}]"))
        #expect(changes.rows == ["security-requirement-added breaking request [] /security"])
        #expect(try changes.only("security-requirement-added").message == "security requirement apiKey was added")
    }

    @Test func anotherAlternativeIsInfo() throws {
        let changes = try diff(Self.document(security: "[{apiKey: []}]"), Self.document(security: "[{apiKey: []}, {bearer: []}]"))
        #expect(changes.rows == ["security-requirement-added info request [] /security"])
    }

    @Test func removedAlternativeIsBreaking() throws {
        let changes = try diff(Self.document(security: "[{apiKey: []}, {bearer: []}]"), Self.document(security: "[{apiKey: []}]"))
        #expect(changes.rows == ["security-requirement-removed breaking request [] /security"])
        #expect(try changes.only("security-requirement-removed").message == "security requirement bearer was removed")
    }

    @Test func removingEveryRequirementIsInfo() throws {
        let changes = try diff(Self.document(security: "[{apiKey: []}]"), Self.document())
        #expect(changes.rows == ["security-requirement-removed info request [] /security"])
    }

    @Test func operationOverridingTheDocumentsSecurity() throws {
        let changes = try diff(Self.document(security: "[{apiKey: []}]"),
                               Self.document(security: "[{apiKey: []}]", operationSecurity: "[{bearer: []}]"))
        #expect(changes.rows == [
            "security-requirement-added info request [GET /pets] /paths/~1pets/get/security",
            "security-requirement-removed breaking request [GET /pets] /paths/~1pets/get/security",
        ])
    }

    @Test func operationRestatingTheDocumentsSecurityIsNoChange() throws {
        #expect(try diff(Self.document(security: "[{apiKey: []}]"),
                         Self.document(security: "[{apiKey: []}]", operationSecurity: "[{apiKey: []}]")).isEmpty)
    }

    @Test func publicOperationIsInfo() throws {
        let changes = try diff(Self.document(security: "[{apiKey: []}]"),
                               Self.document(security: "[{apiKey: []}]", operationSecurity: "[]"))
        #expect(changes.rows == ["security-requirement-removed info request [GET /pets] /paths/~1pets/get/security"])
    }

    /// The same credential with another scope is one requirement whose
    /// scopes changed: a token without the new one is refused.
    @Test func scopesAreCompared() throws {
        let changes = try diff(Self.document(security: "[{oauth: [read]}]"), Self.document(security: "[{oauth: [read, write]}]"))
        #expect(changes.rows == ["security-scope-added breaking request [] /security"])
        #expect(changes.map(\.message) == ["security requirement oauth now needs the scope 'write'"])
        let fewer = try diff(Self.document(security: "[{oauth: [read, write]}]"), Self.document(security: "[{oauth: [read]}]"))
        #expect(fewer.rows == ["security-scope-removed info request [] /security"])
        #expect(try diff(Self.document(security: "[{oauth: [read, write]}]"), Self.document(security: "[{oauth: [write, read]}]")).isEmpty)
    }
}

/// Webhooks are not generated, but diff sees them come, go and change.
struct WebhookDiffTests {
    static func spec(_ webhooks: String) -> String {
        """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths: {}
        webhooks:
        \(webhooks)
        """
    }

    @Test func webhooksAddedRemovedAndChanged() throws {
        let old = Self.spec("""
              petAdopted:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {id: {type: string}, name: {type: string}}}
                  responses: {'200': {description: ok}}
              petLost:
                post:
                  responses: {'200': {description: ok}}
            """)
        let new = Self.spec("""
              petAdopted:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {id: {type: integer}}}
                  responses: {'200': {description: ok}}
              petFound:
                put:
                  responses: {'200': {description: ok}}
            """)
        let loader = SpecLoader(source: InMemorySource(["old.yml": old, "new.yml": new]))
        let changes = SpecComparer().compare(old: try #require(loader.load(path: "old.yml").document),
                                             new: try #require(loader.load(path: "new.yml").document))
        // `name` was optional: a receiver may not depend on it (a warning, issue 25).
        #expect(changes.map { "\($0.severity.rawValue) \($0.rule) \($0.message)" }.sorted() == [
            "breaking type-changed property 'id' changed type from string to integer",
            "info webhook-added webhook 'petFound' was added",
            "warning response-property-removed property 'name' was removed",
            "warning webhook-removed webhook 'petLost' was removed",
        ])
    }
}
