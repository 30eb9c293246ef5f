/// The credentials the runner's clients are configured with (`Keys` in
/// `Runner/Clients.swift`; the two must agree), to compare with the hashes
/// the mock records.
enum TestCredentials {
    static let openAI = "sk-conformance-openai"
    static let anthropic = "sk-ant-conformance"
    static let stripe = "sk_test_conformance"
    static let discord = "Bot conformance-bot-token"
    static let twilioAccount = "AC0123456789abcdef0123456789abcdef"
    static let twilioToken = "conformance-auth-token"
    static let box = "conformance-box-token"
    static let petstore = "conformance-petstore-key"
    static let petstoreOAuth = "conformance-petstore-oauth-token"
    static let queryKey = "conformance-query-key"
    static let cookieKey = "conformance-session"
    static let headerKey = "conformance-header-key"
}
