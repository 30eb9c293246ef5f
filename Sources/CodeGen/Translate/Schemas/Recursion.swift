import SpecParser

/// Types that hold themselves: indirect enums and boxed properties.
extension TranslationContext {
    /// Types that hold themselves by value, directly or through other types,
    /// would be infinitely large. A union on such a cycle becomes an
    /// `indirect enum`; a struct property that still leads back to its own
    /// struct, through structs alone, is boxed.
    func markIndirectProperties() {
        // The by-value edges: struct properties that are not collections, and
        // union variants. Every declaration, nested ones too, is in the index
        // under its qualified name, which is how types refer to it.
        var structs: [String: StructDeclaration] = [:]
        var unions: [String: UnionDeclaration] = [:]
        for (name, declaration) in declarationIndex {
            switch declaration {
            case .structure(let d): structs[name] = d
            case .union(let d): unions[name] = d
            case .alias, .enumeration, .headers: break
            }
        }
        /// The struct or union a type stores by value, looking through aliases.
        func target(_ type: TypeUsage) -> String? {
            guard case .named(let name) = resolvedAlias(type), structs[name] != nil || unions[name] != nil else {
                return nil
            }
            return name
        }
        // The types by number, and each one's by-value edges (its properties'
        // or variants' targets, by number), worked out once.
        let names = (Array(structs.keys) + Array(unions.keys)).sorted()
        let number = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let isStruct = names.map { structs[$0] != nil }
        let edges: [[Int?]] = names.map { name in
            let types = structs[name].map { $0.properties.map(\.type) } ?? unions[name]!.variants.map(\.type)
            return types.map { target($0).flatMap { number[$0] } }
        }
        // An edge is on a cycle when its two ends reach each other: when they
        // are in the same strongly connected component (a type that holds
        // itself is a component of its own, with an edge to itself).
        // Unions first: an indirect union breaks every cycle through it.
        let throughUnions = stronglyConnectedComponents(count: names.count) { edges[$0].compactMap { $0 } }
        var indirectUnions = Set<String>()
        for (index, name) in names.enumerated() where !isStruct[index] {
            if edges[index].contains(where: { $0.map { throughUnions[$0] == throughUnions[index] } ?? false }) {
                indirectUnions.insert(name)
            }
        }
        // Then struct-only cycles (edges into unions no longer count).
        let structsOnly = stronglyConnectedComponents(count: names.count) {
            isStruct[$0] ? edges[$0].compactMap { $0 } : []
        }
        var boxed: [String: Set<String>] = [:]
        for (index, name) in names.enumerated() where isStruct[index] {
            for (property, next) in zip(structs[name]!.properties, edges[index]) {
                if let next, isStruct[next], structsOnly[next] == structsOnly[index] {
                    boxed[name, default: []].insert(property.name)
                }
            }
        }
        guard !boxed.isEmpty || !indirectUnions.isEmpty else { return }
        updateDeclarations(
            structs: { qualified, d in
                for index in d.properties.indices where boxed[qualified]?.contains(d.properties[index].name) == true {
                    d.properties[index].isIndirect = true
                }
            },
            unions: { qualified, d in
                d.isIndirect = indirectUnions.contains(qualified)
            })
    }
}
