import SpecParser

/// Links in responses that may be empty, and the helper that changes declarations in place.
extension TranslationContext {
    /// A server sends an empty link where it has none to give (Ideogram's
    /// prose: the `url` of an image that failed the safety check "will be
    /// empty"), even where the spec requires the property. So in every type
    /// a response can hold, a required, non-nullable URL property is
    /// optional in Swift, and an empty link decodes as `nil` (as every
    /// optional URL does: ``PropertyModel/readsEmptyAsAbsent``): one image without a link never
    /// costs a call its other images. Request-only types keep such a URL
    /// required.
    func relaxResponseLinks(_ operations: [OperationModel]) {
        var reachable = Set<String>()
        var pending: [TypeUsage] = operations.flatMap { operation in
            operation.responses.flatMap(\.contents).compactMap { content in
                if case .json(let type) = content.body { type } else { nil }
            }
        }
        while let type = pending.popLast() {
            switch type {
            case .array(let element), .dictionary(let element):
                pending.append(element)
            case .named(let name):
                guard reachable.insert(name).inserted, let declaration = declarationIndex[name] else { continue }
                switch declaration {
                case .structure(let d):
                    pending.append(contentsOf: d.properties.map(\.type))
                    if let additional = d.additionalProperties { pending.append(additional) }
                case .union(let d): pending.append(contentsOf: d.variants.map(\.type))
                case .alias(let d): pending.append(d.type)
                case .enumeration, .headers: break
                }
            default:
                break
            }
        }
        let note =
            "The spec requires it, but a server sends an empty link when it has none (for an image that failed a "
            + "safety check), which reads as `nil`."
        updateDeclarations(structs: { qualified, d in
            guard reachable.contains(qualified) else { return }
            for index in d.properties.indices where d.properties[index].type == .url && !d.properties[index].isOptional
            {
                d.properties[index].isNullable = true
                d.properties[index].readsEmptyAsAbsent = true
                let details = d.properties[index].documentation.details
                d.properties[index].documentation.details = details.map { $0 + "\n\n" + note } ?? note
            }
        })
    }

    /// Changes every struct and union, nested ones too, in place; each is
    /// given with its qualified name (`Outer.Inner`).
    func updateDeclarations(
        structs: (String, inout StructDeclaration) -> Void,
        unions: (String, inout UnionDeclaration) -> Void = { _, _ in }
    ) {
        func apply(_ declarations: [TypeDeclaration], prefix: String) -> [TypeDeclaration] {
            declarations.map { declaration in
                let qualified = prefix.isEmpty ? declaration.name : prefix + "." + declaration.name
                switch declaration {
                case .structure(var d):
                    structs(qualified, &d)
                    d.nested = apply(d.nested, prefix: qualified)
                    declarationIndex[qualified] = .structure(d)
                    return .structure(d)
                case .union(var d):
                    unions(qualified, &d)
                    d.nested = apply(d.nested, prefix: qualified)
                    declarationIndex[qualified] = .union(d)
                    return .union(d)
                default:
                    return declaration
                }
            }
        }
        topLevel = apply(topLevel, prefix: "")
    }
}
