import SpecParser

/// `oneOf`, `anyOf` and `allOf` as a client decodes them: a union is one of
/// its branches, matched across versions by meaning (the schema a branch
/// names, its structure, its type); an `allOf` is all of its members at
/// once, its properties merged (``compareProperties``) and each member
/// compared with its counterpart.
extension ComparisonRun {
    /// A branch or member, with what it is known by.
    struct Part {
        var schema: Schema
        /// Its position in the list it is in.
        var index: Int
        /// The schema it names (a renamed component by its new name), its title, or its type.
        var identity: String
        /// Its whole structure (``Fingerprint``), when the list needs it to tell its parts apart.
        var structure: String?
        /// The JSON types it admits, references followed.
        var kinds: String

        /// A part unchanged in structure is itself wherever it moved to; the
        /// others pair by the schema they name, then by type, in order. So
        /// two inline objects of different properties each pair with
        /// themselves, and a string branch with the string a property was.
        static var pairing: [PairingRule<Part>] {
            [
                PairingRule { $0.structure }, PairingRule { $0.identity },
                PairingRule { $0.kinds.isEmpty ? nil : $0.kinds },
            ]
        }
    }

    /// Pairs two lists of parts. Structures are written only when one list
    /// has two parts of the same identity (two inline objects): they cost a
    /// walk of each part, and parts known apart by name need none.
    private func pairParts(_ oldParts: inout [Part], _ newParts: inout [Part]) -> [Int: Int] {
        func ambiguous(_ parts: [Part]) -> Bool { Set(parts.map(\.identity)).count < parts.count }
        if ambiguous(oldParts) || ambiguous(newParts) {
            for index in oldParts.indices {
                oldParts[index].structure = Fingerprint.of(oldParts[index].schema, in: oldSchemas)
            }
            for index in newParts.indices {
                newParts[index].structure = Fingerprint.of(newParts[index].schema, in: newSchemas)
            }
        }
        return pairOneToOne(oldParts, newParts, by: Part.pairing)
    }

    private func part(_ schema: Schema, index: Int, in table: [SchemaKey: NamedSchema], isOld: Bool) -> Part {
        let identity: String
        if let key = schema.reference {
            identity = (isOld ? renamedComponents[key]?.name : nil) ?? table[key]?.name ?? key.lastToken
        } else if let title = schema.title {
            identity = title
        } else {
            let kinds = types(schema, in: table).map(\.rawValue).sorted().joined(separator: "|")
            identity = kinds.isEmpty ? "(any)" : kinds
        }
        return Part(
            schema: schema, index: index, identity: identity, structure: nil,
            kinds: types(schema, in: table).map(\.rawValue).sorted().joined(separator: "|"))
    }

    /// The one part a schema that is not a union stands for: a reference to
    /// the schema it names, or itself.
    private func wholePart(_ resolved: ResolvedSchema, in table: [SchemaKey: NamedSchema], isOld: Bool) -> Part {
        guard let key = resolved.key else { return part(resolved.schema, index: 0, in: table, isOld: isOld) }
        var reference = Schema(location: resolved.schema.location)
        reference.reference = key
        return part(reference, index: 0, in: table, isOld: isOld)
    }

    /// The branches of two unions, or of a union and a schema that is one of
    /// its kinds: added and removed reported at the union, pairs compared.
    func compareBranches(
        _ o: ResolvedSchema, _ n: ResolvedSchema, direction: SpecChange.Direction, pointer: String,
        subject: String, change: Reporter
    ) -> [SchemaPair] {
        let isRequest = direction == .request
        var oldParts =
            o.branches.isEmpty
            ? [wholePart(o, in: oldSchemas, isOld: true)]
            : o.branches.enumerated().map { part($1, index: $0, in: oldSchemas, isOld: true) }
        var newParts =
            n.branches.isEmpty
            ? [wholePart(n, in: newSchemas, isOld: false)]
            : n.branches.enumerated().map { part($1, index: $0, in: newSchemas, isOld: false) }
        // The keyword a change names: the union's, NEW's when both are unions.
        let newKeyword = n.branches.isEmpty ? o.unionKeyword : n.unionKeyword
        let oldKeyword = o.branches.isEmpty ? n.unionKeyword : o.unionKeyword
        let pairs = pairParts(&oldParts, &newParts)
        var children: [SchemaPair] = []
        for (index, branch) in newParts.enumerated() {
            let here = n.branches.isEmpty ? pointer : pointer + "/\(newKeyword)/\(branch.index)"
            if let match = pairs[index] {
                children.append(
                    SchemaPair(
                        old: oldParts[match].schema, new: branch.schema, pointer: here,
                        subject: n.branches.isEmpty ? subject : "a branch of \(subject)",
                        nullnessCompared: true))
            } else {
                change(
                    newKeyword == "oneOf" ? .oneOfBranchAdded : .anyOfBranchAdded, isRequest ? .info : .warning,
                    "\(subject) gained the \(newKeyword) branch \(branch.identity)",
                    pointer + "/\(newKeyword)/\(branch.index)",
                    nil, branch.schema.location)
            }
        }
        let paired = Set(pairs.values)
        for (index, branch) in oldParts.enumerated() where !paired.contains(index) {
            change(
                oldKeyword == "oneOf" ? .oneOfBranchRemoved : .anyOfBranchRemoved, isRequest ? .breaking : .info,
                "\(subject) lost the \(oldKeyword) branch \(branch.identity)",
                pointer + "/\(oldKeyword)/\(branch.index)",
                branch.schema.location, nil)
        }
        return children
    }

    /// The members of two `allOf`s, paired as union branches are; their
    /// properties are compared merged, so a pair is walked without them.
    /// An object written out on one side and composed with `allOf` on the
    /// other decodes the same when its merged properties are the same: only
    /// those are compared then.
    func compareAllOf(
        _ o: ResolvedSchema, _ n: ResolvedSchema, direction: SpecChange.Direction, pointer: String,
        subject: String, change: Reporter
    ) -> [SchemaPair] {
        guard !o.schema.allOf.isEmpty && !n.schema.allOf.isEmpty else { return [] }
        let isRequest = direction == .request
        var oldParts = o.schema.allOf.enumerated().map { part($1, index: $0, in: oldSchemas, isOld: true) }
        var newParts = n.schema.allOf.enumerated().map { part($1, index: $0, in: newSchemas, isOld: false) }
        let pairs = pairParts(&oldParts, &newParts)
        var children: [SchemaPair] = []
        for (index, member) in newParts.enumerated() {
            let here = pointer + "/allOf/\(member.index)"
            if let match = pairs[index] {
                children.append(
                    SchemaPair(
                        old: oldParts[match].schema, new: member.schema, pointer: here,
                        subject: "an allOf member of \(subject)", withProperties: false))
            } else {
                change(
                    .allOfMemberAdded, isRequest ? .warning : .info,
                    "\(subject) gained the allOf member \(member.identity)",
                    here, nil, member.schema.location)
            }
        }
        let paired = Set(pairs.values)
        for (index, member) in oldParts.enumerated() where !paired.contains(index) {
            change(
                .allOfMemberRemoved, isRequest ? .info : .warning,
                "\(subject) lost the allOf member \(member.identity)",
                pointer + "/allOf/\(member.index)", member.schema.location, nil)
        }
        return children
    }

    /// The property that names a union's branch, and the values it maps.
    func compareDiscriminators(
        _ old: Schema.Discriminator?, _ new: Schema.Discriminator?, direction: SpecChange.Direction,
        subject: String, change: Reporter
    ) {
        let isRequest = direction == .request
        switch (old, new) {
        case (nil, nil):
            return
        case (nil, let added?):
            change(
                .discriminatorAdded, .info, "\(subject) is now told apart by its property '\(added.propertyName)'", nil,
                nil, nil)
        case (let removed?, nil):
            change(
                .discriminatorRemoved, .warning,
                "\(subject) is no longer told apart by its property '\(removed.propertyName)'",
                nil, nil, nil)
        case (let before?, let after?):
            if before.propertyName != after.propertyName {
                change(
                    .discriminatorPropertyChanged, .breaking,
                    "\(subject) is told apart by '\(after.propertyName)' instead of '\(before.propertyName)'", nil, nil,
                    nil)
                return
            }
            // Targets by name, a renamed component under its new one.
            let oldTargets = Dictionary(
                before.mapping.map { value, key in
                    (value, renamedComponents[key]?.name ?? oldSchemas[key]?.name ?? key.description)
                }, uniquingKeysWith: { first, _ in first })
            let newTargets = Dictionary(
                after.mapping.map { value, key in (value, newSchemas[key]?.name ?? key.description) },
                uniquingKeysWith: { first, _ in first })
            for (value, _) in after.mapping where oldTargets[value] == nil {
                change(
                    .discriminatorMappingAdded, isRequest ? .info : .warning,
                    "\(subject) maps the '\(after.propertyName)' value '\(value)' to \(newTargets[value] ?? "")", nil,
                    nil, nil)
            }
            for (value, _) in before.mapping {
                guard let target = newTargets[value] else {
                    change(
                        .discriminatorMappingRemoved, isRequest ? .breaking : .info,
                        "\(subject) no longer maps the '\(before.propertyName)' value '\(value)'", nil, nil, nil)
                    continue
                }
                if let previous = oldTargets[value], previous != target {
                    change(
                        .discriminatorMappingChanged, .breaking,
                        "\(subject) maps the '\(after.propertyName)' value '\(value)' to \(target) instead of "
                            + "\(previous)",
                        nil, nil, nil)
                }
            }
        }
    }
}
