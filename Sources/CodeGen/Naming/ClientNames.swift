/// The default name of a module's client type.
extension Naming {
    /// `IdeogramClient` → `Ideogram`: the module name without a `Client`
    /// suffix. A name that would shadow a type apps use from the system's
    /// frameworks or the standard library (`AppClient` → `App`, SwiftUI's
    /// app protocol), one the runtime reserves, or one of the types the
    /// runtime nests in the client (`Configuration`) gets `API` instead
    /// (`AppAPI`).
    public static func clientName(forModule module: String) -> String {
        let stem = module.hasSuffix("Client") ? String(module.dropLast("Client".count)) : module
        let name = type(stem, reserved: [])
        if name.isEmpty || name == "Value" { return "Client" }
        let taken =
            frameworkTypeNames.contains(name) || reservedTypeNames.contains(name)
            || clientMemberTypeNames.contains(name)
        return taken ? name + "API" : name
    }

    /// Type names of SwiftUI, UIKit, AppKit, Foundation and the standard
    /// library that an app is likely to use beside a client: a choice, not a
    /// derivation, since no compile of the generated code can tell which
    /// frameworks an app imports.
    static let frameworkTypeNames: Set<String> = [
        "App", "Scene", "View", "Text", "Image", "Color", "Font", "Button", "List", "Form", "Group", "Label",
        "Link", "Menu", "Path", "Shape", "Section", "Table", "Toggle", "Picker", "Window", "Environment",
        "State", "Binding", "Animation", "Application", "Model", "Observable", "Notification", "Bundle",
        "Process", "Thread", "Timer", "Calendar", "Measurement", "Progress", "Operation", "Stream",
        "Data", "Date", "URL", "UUID", "Task", "Error", "Result", "Array", "Set", "String", "Character",
        "Int", "Double", "Float", "Bool", "Dictionary", "Optional", "Never", "Void", "Duration",
    ]
}
