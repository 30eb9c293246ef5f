import SpecParser

/// Idempotency keys: a header parameter named `Idempotency-Key`, or the
/// header the generation config names for every POST and PATCH, carries a
/// fresh key per call that its retries send again (Stripe's rule), so the
/// server runs a retried call once.
extension TranslationContext {
    func idempotencyKey(_ operation: Operation, parameters: [ParameterModel]) -> IdempotencyKeyModel? {
        if let declared = parameters.first(where: {
            $0.location == .header && $0.wireName.lowercased() == "idempotency-key" && $0.isText
                && resolvedAlias($0.type) == .string
        }) {
            return IdempotencyKeyModel(header: declared.wireName, parameterName: declared.name, isDeclared: true)
        }
        guard let header = options.idempotencyKeyHeader, [.post, .patch].contains(operation.method) else {
            return nil
        }
        if let declared = parameters.first(where: {
            $0.location == .header && $0.wireName.lowercased() == header.lowercased()
        }) {
            return IdempotencyKeyModel(header: declared.wireName, parameterName: declared.name, isDeclared: true)
        }
        let name = Naming.uniqued(["idempotencyKey"], taken: Set(parameters.map(\.name) + ["request"]))[0]
        return IdempotencyKeyModel(header: header, parameterName: name, isDeclared: false)
    }
}
