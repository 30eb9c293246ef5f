import SpecDiff
import SpecParser
import Testing

/// The security schemes a document defines: how a credential is sent, and
/// the OAuth URLs and scopes on offer.
struct SecuritySchemeTests {
    static func api(_ schemes: String) -> String {
        spec("""
            paths:
              /pets:
                get:
                  responses:
                    '200': {description: OK}
            components:
              securitySchemes:
            \(schemes)

            """)
    }

    static let apiKey = "    key: {type: apiKey, in: header, name: Api-Key}"
    static func oauth(tokenURL: String = "https://example.com/token", scopes: String = "{read: Read, write: Write}") -> String {
        "    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: '\(tokenURL)', scopes: \(scopes)}}}"
    }

    @Test func schemesAddedAndRemoved() throws {
        #expect(try diff(Self.api(Self.apiKey), Self.api(Self.apiKey + "\n" + Self.oauth())).rows
                == ["security-scheme-added info both [] /components/securitySchemes/oauth"])
        #expect(try diff(Self.api(Self.apiKey + "\n" + Self.oauth()), Self.api(Self.apiKey)).rows
                == ["security-scheme-removed warning both [] /components/securitySchemes/oauth"])
    }

    @Test func keySentElsewhereIsBreaking() throws {
        let changes = try diff(Self.api(Self.apiKey), Self.api("    key: {type: apiKey, in: query, name: api_key}"))
        #expect(changes.rows == ["security-scheme-changed breaking both [] /components/securitySchemes/key"])
        #expect(changes.first?.message
                == "security scheme 'key' is now an API key in the query 'api_key' instead of an API key in the header 'Api-Key'")
        #expect(try diff(Self.api(Self.apiKey), Self.api("    key: {type: http, scheme: bearer}")).rows
                == ["security-scheme-changed breaking both [] /components/securitySchemes/key"])
        // The scheme's name is case-insensitive (RFC 9110).
        #expect(try diff(Self.api("    key: {type: http, scheme: bearer}"), Self.api("    key: {type: http, scheme: Bearer}")).isEmpty)
    }

    @Test func oauthURLsAndScopes() throws {
        #expect(try diff(Self.api(Self.oauth()), Self.api(Self.oauth(tokenURL: "https://auth.example.com/token"))).rows
                == ["oauth-url-changed warning both [] /components/securitySchemes/oauth/flows/clientCredentials/tokenUrl"])
        #expect(try diff(Self.api(Self.oauth()), Self.api(Self.oauth(scopes: "{read: Read}"))).rows
                == ["oauth-scope-removed breaking both [] /components/securitySchemes/oauth/flows/clientCredentials/scopes/write"])
        #expect(try diff(Self.api(Self.oauth(scopes: "{read: Read}")), Self.api(Self.oauth())).rows
                == ["oauth-scope-added info both [] /components/securitySchemes/oauth/flows/clientCredentials/scopes/write"])
    }
}
