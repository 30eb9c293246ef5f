import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension RequestBuilder {
    /// Gives the call an idempotency key in `header`: `key` when the caller
    /// passed one, else a fresh random one (a UUID). The key is set once per
    /// call, as the request is built, so every retry of the call sends the
    /// same key, and the next call a new one; the server runs a call once
    /// however often its key arrives, which lets the retry policy repeat a
    /// POST after a 5xx or a lost connection
    /// (``APIClient/RetryPolicy/retriesRequestsWithIdempotencyKeys``).
    mutating func setIdempotencyKey(_ key: String?, header: String = "Idempotency-Key") {
        let value = key.flatMap { $0.isEmpty ? nil : $0 } ?? Self.freshIdempotencyKey()
        setHeader(header, value)
        idempotencyKeyHeader = header
    }

    /// A new key: a random UUID, lower-cased (122 random bits, as Stripe
    /// and the IETF draft `Idempotency-Key` header advise).
    static func freshIdempotencyKey() -> String {
        UUID().uuidString.lowercased()
    }
}
