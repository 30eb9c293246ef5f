/// How a ``TypeUsage`` is spelled in Swift.
enum TypeSpelling {
    static func spell(_ type: TypeUsage, fileAs: String = "MultipartFile") -> String {
        switch type {
        case .string: "String"
        case .integer(let bits): bits == 32 ? "Int32" : "Int"
        case .double: "Double"
        case .float: "Float"
        case .bool: "Bool"
        case .date: "Date"
        case .url: "URL"
        case .uuid: "UUID"
        case .base64: "Data"
        case .file: fileAs
        case .json: "JSONValue"
        case .array(let element): "[" + spell(element, fileAs: fileAs) + "]"
        case .dictionary(let element): "[String: " + spell(element, fileAs: fileAs) + "]"
        case .named(let name): name
        }
    }
}
