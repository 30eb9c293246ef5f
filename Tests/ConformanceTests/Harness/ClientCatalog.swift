import Foundation

/// One client module of the conformance package: which spec it is
/// generated from, with which operations, and under which spec id the
/// server serves the API it calls.
struct ConformanceClient: Sendable {
    /// The module's name, which the runner imports (`StripeClient`).
    var module: String
    /// The client type's name (`Stripe`).
    var clientName: String
    /// The spec the client is generated from.
    var specPath: String
    /// The first path segment of the API on the server (`stripe--spec3`):
    /// a corpus spec's file name without its extension.
    var specID: String
    /// The operations generated (by `operationId`); all of them when empty.
    var operations: [String]
}

/// The clients the runner calls: for each corpus spec, a few operations
/// chosen to exercise many kinds of request and response (JSON, form and
/// multipart bodies, binary and streamed responses, lists, unions, several
/// statuses and security schemes), and small specs of this folder for what
/// the corpus lacks.
enum ClientCatalog {
    static let corpus = Conformance.packageRoot + "/../shared/corpus"
    static let specs = Conformance.packageRoot + "/Tests/ConformanceTests/Specs"

    static let all: [ConformanceClient] = [
        corpus(
            "OpenAIClient", "OpenAI", "openai--openapi.yaml",
            [
                "createChatCompletion", "createImageEdit", "listModels", "retrieveModel", "createSpeech",
                "createEmbedding",
            ]),
        // The mirror's batch operations exist twice (with and without `?beta=true`), under one operationId.
        corpus(
            "AnthropicClient", "Anthropic", "anthropic--hosted_spec.yaml",
            [
                "messages_post", "beta_message_batches_list", "beta_message_batches_retrieve",
                "beta_message_batches_results",
            ]),
        corpus(
            "StripeClient", "Stripe", "stripe--spec3.yaml",
            ["GetCustomers", "PostCustomers", "GetCustomersCustomer", "DeleteCustomersCustomer"]),
        corpus(
            "DiscordClient", "Discord", "discord--openapi.json",
            ["create_channel_invite", "get_channel", "create_message"]),
        corpus(
            "TwilioClient", "Twilio", "twilio--twilio_api_v2010.yaml",
            ["FetchAccount", "CreateMessage", "ListMessage", "FetchMessage"]),
        corpus(
            "BoxClient", "Box", "box--openapi.json",
            [
                "get_files_id", "get_files_id_content", "post_files_upload_sessions_id_commit", "get_folders_id_items",
                "post_oauth2_revoke", "get_authorize",
            ]),
        corpus(
            "PetstoreClient", "Petstore", "swagger-petstore-v31--openapi.yaml",
            ["addPet", "updatePet", "getPetById"]),
        // Version 1 of a small API; the server plays version 2, which added a
        // union variant and an enum value (open unions).
        ConformanceClient(
            module: "PetsClient", clientName: "Pets", specPath: specs + "/pets-v1.yaml", specID: "pets-v2",
            operations: []),
        ConformanceClient(
            module: "RegionalClient", clientName: "Regional", specPath: specs + "/regional.yaml", specID: "regional",
            operations: []),
        ConformanceClient(
            module: "PagesClient", clientName: "Pages", specPath: specs + "/pages.yaml", specID: "pages",
            operations: []),
        // `KeysAPI`, since the runner has a `Keys` of its own.
        ConformanceClient(
            module: "KeysClient", clientName: "KeysAPI", specPath: specs + "/keys.yaml", specID: "keys",
            operations: []),
    ]

    /// The specs of this folder that the local server serves besides the
    /// corpus, by spec id.
    static let localSpecs: [String: String] = [
        "pets-v2": specs + "/pets-v2.yaml",
        "regional": specs + "/regional.yaml",
        "pages": specs + "/pages.yaml",
        "keys": specs + "/keys.yaml",
    ]

    private static func corpus(_ module: String, _ clientName: String, _ file: String, _ operations: [String])
        -> ConformanceClient
    {
        let id = String(file[..<file.lastIndex(of: ".")!])
        return ConformanceClient(
            module: module, clientName: clientName, specPath: corpus + "/" + file, specID: id, operations: operations)
    }
}
