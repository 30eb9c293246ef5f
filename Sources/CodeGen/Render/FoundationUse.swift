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
        }
    }

    /// An operation's method and its multipart request type.
    static func uses(_ operation: OperationModel) -> Bool {
        if operation.parameters.contains(where: { uses($0.type, fileIsData: false) }) { return true }
        switch operation.output {
        case .body(.json(let type)): if uses(type, fileIsData: true) { return true }
        case .body(.binary): return true
        case .body(.text), .none: break
        }
        switch operation.requestBody?.contents.first {
        case .json(let body)?:
            return uses(body.type, fileIsData: false)
        case .formURLEncoded(let body)?:
            return uses(body.type, fileIsData: false)
        case .multipart(let body)?:
            return body.fields.contains { uses($0.type, fileIsData: false) } || body.nested.contains(where: uses)
        case .binary?:
            return true
        case nil:
            return false
        }
    }

    /// The imports a file needs: Foundation, publicly, when it uses it.
    static func imports(_ needed: Bool) -> [ImportDeclaration] {
        needed ? [ImportDeclaration(module: "Foundation", isPublic: true)] : []
    }
}
