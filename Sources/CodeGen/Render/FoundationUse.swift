/// Whether a generated file's declarations spell a Foundation type (`Date`,
/// `URL`, `UUID`, `Data`), read from the model rather than from the text.
///
/// Every such use is in a public declaration (a property, an argument, a
/// return type), so a file that has one imports Foundation with `public
/// import`: a target with `InternalImportsByDefault` needs that, and any
/// other accepts it.
enum FoundationUse {
    /// `fileAs` is how file content is spelled where the type appears:
    /// `Data` in `Codable` types, `MultipartFile` (the runtime's) in
    /// multipart requests and arguments.
    static func uses(_ type: TypeUsage, fileIsData: Bool) -> Bool {
        switch type {
        case .date, .url, .uuid, .base64: true
        case .file: fileIsData
        case .array(let element), .dictionary(let element): uses(element, fileIsData: fileIsData)
        case .string, .integer, .double, .float, .bool, .json, .named: false
        }
    }

    static func uses(_ declaration: TypeDeclaration) -> Bool {
        switch declaration {
        case .structure(let d):
            d.properties.contains { uses($0.type, fileIsData: true) }
                || (d.additionalProperties.map { uses($0, fileIsData: true) } ?? false)
                || d.nested.contains(where: uses)
        case .union(let d):
            d.variants.contains { uses($0.type, fileIsData: true) } || d.nested.contains(where: uses)
        case .alias(let d):
            uses(d.type, fileIsData: true)
        case .enumeration:
            false
        case .headers(let d):
            d.headers.contains { uses($0.type, fileIsData: true) }
        }
    }

    /// An operation's methods, its multipart request types and its outcomes.
    static func uses(_ operation: OperationModel) -> Bool {
        if operation.parameters.contains(where: { uses($0.type, fileIsData: false) }) { return true }
        switch operation.output {
        case .body(let body): if uses(body) { return true }
        case .outcomes(let outcomes): if outcomes.cases.contains(where: { $0.body.map(uses) ?? false }) { return true }
        case .none: break
        }
        // The streaming call's events; the paginated call's `URL` cursor of a `Link` header.
        if let stream = operation.eventStream, case .json(let type, _) = stream.event, uses(type, fileIsData: true) {
            return true
        }
        if let pagination = operation.pagination {
            if pagination.strategy == .nextLink || uses(pagination.itemType, fileIsData: true) { return true }
        }
        return operation.requestBody?.variants.contains { variant in
            switch variant.content {
            case .json(let body): uses(body.type, fileIsData: false)
            case .formURLEncoded(let body): uses(body.type, fileIsData: false)
            case .multipart(let body):
                body.fields.contains { uses($0.type, fileIsData: false) } || body.nested.contains(where: uses)
            case .binary, .file: true
            }
        } ?? false
    }

    /// A body a call returns: bytes are `Data`.
    private static func uses(_ body: ResponseBody) -> Bool {
        switch body {
        case .json(let type): uses(type, fileIsData: true)
        case .binary: true
        case .text: false
        }
    }

    /// The imports a file needs: Foundation, publicly, when it uses it.
    static func imports(_ needed: Bool) -> [ImportDeclaration] {
        needed ? [ImportDeclaration(module: "Foundation", isPublic: true)] : []
    }
}
