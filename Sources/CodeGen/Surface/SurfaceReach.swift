/// The operations whose calls reach each declaration of a surface: a
/// method's own, and for a type, those of every method whose arguments or
/// results spell it, directly or through other types.
struct SurfaceReach {
    /// For each top-level type, the top-level types and the operations (`GET /pets`) whose declarations spell it.
    private var users: [String: Set<String>] = [:]
    private var operations: Set<String> = []

    init(_ surface: PublicSurface) {
        for declaration in surface.declarations {
            let user = declaration.operation ?? declaration.topLevelType
            if let operation = declaration.operation { operations.insert(operation) }
            for reference in declaration.references {
                let type = reference.split(separator: ".").first.map(String.init) ?? reference
                if type != user { users[type, default: []].insert(user) }
            }
        }
    }

    /// `GET /pets`, … for `declaration`, sorted.
    func operations(of declaration: SurfaceDeclaration) -> [String] {
        if let operation = declaration.operation { return [operation] }
        var seen: Set<String> = [declaration.topLevelType]
        var queue = [declaration.topLevelType]
        for reference in declaration.references {
            let type = reference.split(separator: ".").first.map(String.init) ?? reference
            if seen.insert(type).inserted { queue.append(type) }
        }
        var result: Set<String> = []
        while let next = queue.popLast() {
            for user in users[next] ?? [] where seen.insert(user).inserted {
                if operations.contains(user) { result.insert(user) } else { queue.append(user) }
            }
        }
        return result.sorted()
    }
}
