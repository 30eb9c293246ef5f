import SpecParser

/// A schema with its references followed and its null-ness made explicit:
/// `nullable: true`, `type: [T, 'null']` and `oneOf: [T, {type: 'null'}]`
/// all come out as `allowsNull` over the schema of `T`.
struct ResolvedSchema {
    var schema: Schema
    /// The named schema the references ended at, if any.
    var key: SchemaKey?
    var allowsNull: Bool
}

extension ComparisonRun {
    static func isNullOnly(_ schema: Schema) -> Bool {
        schema.reference == nil && schema.types.isEmpty && schema.allowsNull && schema.properties.isEmpty
            && schema.oneOf.isEmpty && schema.anyOf.isEmpty && schema.allOf.isEmpty
    }

    static func isPureReference(_ schema: Schema) -> Bool {
        var copy = schema
        copy.reference = nil
        copy.description = nil
        copy.title = nil
        return copy.isFreeForm && !copy.allowsNull
    }

    /// `allOf: [X]` with nothing beside it but prose and null-ness: 3.0's way
    /// of making a reference nullable, which means X.
    static func isAllOfWrapper(_ schema: Schema) -> Bool {
        var copy = schema
        copy.allOf = []
        copy.description = nil
        copy.title = nil
        return schema.allOf.count == 1 && copy.isFreeForm
    }

    func resolve(_ schema: Schema, in table: [SchemaKey: NamedSchema]) -> ResolvedSchema {
        var current = schema
        var key: SchemaKey?
        var allowsNull = schema.allowsNull
        var seen = Set<SchemaKey>()
        for _ in 0..<64 {
            let variants = current.oneOf.isEmpty ? current.anyOf : current.oneOf
            let nonNull = variants.filter { !Self.isNullOnly($0) }
            if nonNull.count == 1, nonNull.count < variants.count, current.properties.isEmpty {
                allowsNull = true
                current = nonNull[0]
                allowsNull = allowsNull || current.allowsNull
                continue
            }
            if Self.isAllOfWrapper(current) {
                current = current.allOf[0]
                allowsNull = allowsNull || current.allowsNull
                continue
            }
            if let reference = current.reference, Self.isPureReference(current) || current.allowsNull,
               seen.insert(reference).inserted, let target = table[reference] {
                key = reference
                current = target.schema
                allowsNull = allowsNull || current.allowsNull
                continue
            }
            break
        }
        return ResolvedSchema(schema: current, key: key, allowsNull: allowsNull)
    }

    /// Properties with `allOf` parts (and their references) merged in.
    func flattened(_ schema: Schema, in table: [SchemaKey: NamedSchema]) -> (properties: [Schema.Property], required: Set<String>) {
        let merged = schema.mergedObject(in: table)
        return (merged.properties, merged.required)
    }

    func types(_ schema: Schema, in table: [SchemaKey: NamedSchema]) -> Set<Schema.JSONType> {
        if !schema.types.isEmpty { return Set(schema.types) }
        if !flattened(schema, in: table).properties.isEmpty { return [.object] }
        if schema.items != nil { return [.array] }
        return []
    }

    /// Two schemas to compare, and where: the pointer and words a change is reported with.
    struct SchemaPair {
        var old: Schema
        var new: Schema
        var pointer: String
        var subject: String
    }

    /// Compares two schemas in the given direction. A pair of named schemas is
    /// walked once per direction; later operations that reach it are added
    /// to the changes found the first time.
    ///
    /// The walk keeps its own stack: as calls, a chain of a thousand schemas
    /// each naming the next overflowed the thread's stack. Each pair's own
    /// checks come first, then the pairs under it, depth first, in order.
    func compareSchema(_ oldSchema: Schema, _ newSchema: Schema, direction: SpecChange.Direction, operation: String,
                       pointer: String, subject: String) {
        /// A pair being compared: where it is written, and the pairs under it still to walk.
        struct Frame {
            var written: WrittenPair
            var children: [SchemaPair]
            var next = 0
        }
        var frames: [Frame] = []
        func enter(_ pair: SchemaPair) {
            let o = resolve(pair.old, in: oldSchemas)
            let n = resolve(pair.new, in: newSchemas)
            // Null-ness belongs to the place that uses a schema (`oneOf: [$ref, null]`),
            // not to the schema it names: compared here, for this place, before a
            // shared schema is compared once for all its uses.
            let isRequest = direction == .request
            if !o.allowsNull && n.allowsNull {
                report(.becameNullable, isRequest ? .info : .breaking, direction, operation: operation,
                       pointer: pair.pointer, old: pair.old.location, new: pair.new.location, "\(pair.subject) may now be null")
            } else if o.allowsNull && !n.allowsNull {
                report(.becameNonNullable, isRequest ? .breaking : .info, direction, operation: operation,
                       pointer: pair.pointer, old: pair.old.location, new: pair.new.location, "\(pair.subject) may no longer be null")
            }
            var here = pair.pointer
            var subject = pair.subject
            if let key = n.key, let named = newSchemas[key] {
                // A shared schema's change is reported once, where the schema is, for every operation that uses it.
                here = named.isComponent ? "/components/schemas/" + JSONPointer.escape(named.name) : key.description
                subject = "schema \(named.name)"
            }
            let written = WrittenPair(direction: direction, old: o.schema.location, new: n.schema.location)
            if let enclosing = pairsInProgress[written] {
                _ = reach(enclosing, operation: operation)
                return
            }
            let visitKey = "\(direction.rawValue)|\(o.key?.description ?? pair.pointer)|\(n.key?.description ?? pair.pointer)"
            if reach(visitKey, operation: operation) { return }
            pairsInProgress[written] = visitKey
            beginVisit(visitKey)
            let children = compareResolved(o, n, direction: direction, operation: operation, pointer: here, subject: subject)
            frames.append(Frame(written: written, children: children))
        }
        enter(SchemaPair(old: oldSchema, new: newSchema, pointer: pointer, subject: subject))
        while let top = frames.indices.last {
            if frames[top].next < frames[top].children.count {
                let child = frames[top].children[frames[top].next]
                frames[top].next += 1
                enter(child)
            } else {
                let done = frames.removeLast()
                endVisit()
                pairsInProgress[done.written] = nil
            }
        }
    }

    /// The checks of one pair; returns the pairs under it, for the walk to compare next.
    private func compareResolved(_ o: ResolvedSchema, _ n: ResolvedSchema, direction: SpecChange.Direction,
                                 operation: String, pointer: String, subject: String) -> [SchemaPair] {
        var children: [SchemaPair] = []
        let old = o.schema
        let new = n.schema
        let locations = (old.location, new.location)
        func change(_ rule: DiffRule, _ severity: SpecChange.Severity, _ message: String, at path: String? = nil,
                    old oldLocation: SourceLocation? = nil, new newLocation: SourceLocation? = nil) {
            report(rule, severity, direction, operation: operation, pointer: path ?? pointer,
                   old: oldLocation ?? locations.0, new: newLocation ?? locations.1, message)
        }
        let isRequest = direction == .request

        // Type and format.
        let oldTypes = types(old, in: oldSchemas)
        let newTypes = types(new, in: newSchemas)
        if oldTypes != newTypes {
            let describe: (Set<Schema.JSONType>) -> String = { $0.isEmpty ? "any" : $0.map(\.rawValue).sorted().joined(separator: "|") }
            change(.typeChanged, .breaking, "\(subject) changed type from \(describe(oldTypes)) to \(describe(newTypes))")
            return []
        }
        if old.format != new.format {
            change(.formatChanged, .breaking, "\(subject) changed format from \(old.format ?? "none") to \(new.format ?? "none")")
        }

        // Enums.
        let oldValues = old.enumValues?.compactMap(\.text)
        let newValues = new.enumValues?.compactMap(\.text)
        switch (oldValues, newValues) {
        case let (previous?, current?):
            for value in current where !previous.contains(value) {
                change(.enumValueAdded, isRequest ? .info : .warning,
                       "\(subject) gained the value '\(value)'" + (isRequest ? "" : "; clients without open enums may fail to decode it"))
            }
            for value in previous where !current.contains(value) {
                change(.enumValueRemoved, isRequest ? .breaking : .info, "\(subject) lost the value '\(value)'")
            }
        case (nil, _?):
            change(.enumConstraintAdded, isRequest ? .breaking : .info, "\(subject) is now restricted to a list of values")
        case (_?, nil):
            change(.enumConstraintRemoved, isRequest ? .info : .warning, "\(subject) is no longer restricted to a list of values")
        case (nil, nil):
            break
        }

        // Defaults and constraints.
        if old.defaultValue?.text != new.defaultValue?.text {
            change(.defaultChanged, .warning,
                   "\(subject) default changed from \(old.defaultValue?.text ?? "none") to \(new.defaultValue?.text ?? "none")")
        }
        let oldJob = old.jobStatus.map { "\($0.field): \($0.succeeded) / \($0.failed)" }
        let newJob = new.jobStatus.map { "\($0.field): \($0.succeeded) / \($0.failed)" }
        if oldJob != newJob {
            change(.jobStatusChanged, .warning, "\(subject) x-job-status changed from \(oldJob ?? "none") to \(newJob ?? "none")")
        }
        compareConstraints(old.constraints, new.constraints, subject: subject) { effect, message in
            // Fewer values accepted fails callers' requests; more values returned may surprise them.
            let severity: SpecChange.Severity = switch effect {
            case .tighter: isRequest ? .breaking : .info
            case .looser: isRequest ? .info : .warning
            case .different: isRequest ? .breaking : .warning
            }
            change(.constraintChanged, severity, message)
        }
        if options.includeDocs && old.description != new.description {
            change(.descriptionChanged, .info, "the description of \(subject) changed")
        }

        // Properties.
        let oldObject = flattened(old, in: oldSchemas)
        let newObject = flattened(new, in: newSchemas)
        let newNames = Set(newObject.properties.map(\.name))
        // Merged properties have unique names.
        let oldByName = Dictionary(oldObject.properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for property in oldObject.properties where !newNames.contains(property.name) {
            change(isRequest ? .requestPropertyRemoved : .responsePropertyRemoved, .breaking, "property '\(property.name)' was removed",
                   at: pointer + "/properties/" + JSONPointer.escape(property.name), old: property.schema.location)
        }
        for property in newObject.properties {
            let path = pointer + "/properties/" + JSONPointer.escape(property.name)
            let required = newObject.required.contains(property.name)
            guard let previous = oldByName[property.name] else {
                let severity: SpecChange.Severity = isRequest ? (required ? .breaking : .info) : .info
                change(isRequest ? .requestPropertyAdded : .responsePropertyAdded, severity, "\(required ? "required" : "optional") property '\(property.name)' was added",
                       at: path, new: property.schema.location)
                continue
            }
            let wasRequired = oldObject.required.contains(property.name)
            if !wasRequired && required {
                change(isRequest ? .requestPropertyBecameRequired : .responsePropertyBecameRequired, isRequest ? .breaking : .info, "property '\(property.name)' became required",
                       at: path, old: previous.schema.location, new: property.schema.location)
            } else if wasRequired && !required {
                change(isRequest ? .requestPropertyBecameOptional : .responsePropertyBecameOptional, isRequest ? .info : .breaking, "property '\(property.name)' became optional",
                       at: path, old: previous.schema.location, new: property.schema.location)
            }
            children.append(SchemaPair(old: previous.schema, new: property.schema, pointer: path,
                                       subject: "property '\(property.name)'"))
        }

        // Items and extra properties.
        if let oldItems = old.items?.value, let newItems = new.items?.value {
            children.append(SchemaPair(old: oldItems, new: newItems, pointer: pointer + "/items",
                                       subject: "the items of \(subject)"))
        }
        if case .schema(let oldValues)? = old.additionalProperties, case .schema(let newValues)? = new.additionalProperties {
            children.append(SchemaPair(old: oldValues.value, new: newValues.value,
                                       pointer: pointer + "/additionalProperties", subject: "the values of \(subject)"))
        }

        // oneOf / anyOf branches.
        for keyword in ["oneOf", "anyOf"] {
            let oldBranches = (keyword == "oneOf" ? old.oneOf : old.anyOf).filter { !Self.isNullOnly($0) }
                .map { Branch(schema: $0, identity: branchIdentity($0, in: oldSchemas), structure: Fingerprint.of($0, in: oldSchemas)) }
            let newBranches = (keyword == "oneOf" ? new.oneOf : new.anyOf).filter { !Self.isNullOnly($0) }
                .map { Branch(schema: $0, identity: branchIdentity($0, in: newSchemas), structure: Fingerprint.of($0, in: newSchemas)) }
            let pairs = pairOneToOne(oldBranches, newBranches, by: Branch.pairing)
            for (index, branch) in newBranches.enumerated() {
                if let match = pairs[index] {
                    children.append(SchemaPair(old: oldBranches[match].schema, new: branch.schema,
                                               pointer: pointer + "/\(keyword)/\(index)", subject: "a branch of \(subject)"))
                } else {
                    change(keyword == "oneOf" ? .oneOfBranchAdded : .anyOfBranchAdded, isRequest ? .info : .warning,
                           "\(subject) gained the \(keyword) branch \(branch.identity)", at: pointer + "/\(keyword)/\(index)",
                           new: branch.schema.location)
                }
            }
            let paired = Set(pairs.values)
            for (index, branch) in oldBranches.enumerated() where !paired.contains(index) {
                change(keyword == "oneOf" ? .oneOfBranchRemoved : .anyOfBranchRemoved, isRequest ? .breaking : .info,
                       "\(subject) lost the \(keyword) branch \(branch.identity)", at: pointer + "/\(keyword)/\(index)",
                       old: branch.schema.location)
            }
        }
        return children
    }

    /// A `oneOf` or `anyOf` branch, with what it is known by.
    private struct Branch {
        var schema: Schema
        /// The schema it names, or its type (``branchIdentity(_:in:)``).
        var identity: String
        /// Its whole structure (``Fingerprint``).
        var structure: String

        /// A branch unchanged in structure is itself wherever it moved to;
        /// the others pair by identity, in order. So two inline objects of
        /// different properties (both known as `object`) each pair with
        /// themselves, not both with the first.
        static var pairing: [PairingRule<Branch>] { [PairingRule { $0.structure }, PairingRule { $0.identity }] }
    }

    /// A branch is known by the schema it names (a renamed component by its
    /// new name), or by its type.
    private func branchIdentity(_ schema: Schema, in table: [SchemaKey: NamedSchema]) -> String {
        if let key = schema.reference { return renamedComponents[key]?.name ?? table[key]?.name ?? key.lastToken }
        if let title = schema.title { return title }
        let kinds = types(schema, in: table).map(\.rawValue).sorted().joined(separator: "|")
        return kinds.isEmpty ? "(any)" : kinds
    }

    /// What a changed constraint does to the values a schema admits.
    enum ConstraintEffect {
        /// Fewer values are valid (a new or higher minimum, a lower maximum).
        case tighter
        /// More values are valid.
        case looser
        /// Other values are valid (a different pattern or multipleOf).
        case different
    }

    private func compareConstraints(_ old: Schema.Constraints, _ new: Schema.Constraints, subject: String,
                                    _ report: (ConstraintEffect, String) -> Void) {
        func text(_ value: Any?) -> String {
            guard let value else { return "none" }
            if let double = value as? Double, double == double.rounded(), abs(double) < 1e15 { return String(Int(double)) }
            return "\(value)"
        }
        func number(_ value: Any?) -> Double? {
            (value as? Double) ?? (value as? Int).map(Double.init)
        }
        enum Kind { case lowerBound, upperBound, flag, other }
        let pairs: [(String, Kind, Any?, Any?)] = [
            ("minimum", .lowerBound, old.minimum, new.minimum), ("maximum", .upperBound, old.maximum, new.maximum),
            ("exclusiveMinimum", .lowerBound, old.exclusiveMinimum, new.exclusiveMinimum),
            ("exclusiveMaximum", .upperBound, old.exclusiveMaximum, new.exclusiveMaximum),
            ("multipleOf", .other, old.multipleOf, new.multipleOf),
            ("minLength", .lowerBound, old.minLength, new.minLength), ("maxLength", .upperBound, old.maxLength, new.maxLength),
            ("pattern", .other, old.pattern, new.pattern), ("minItems", .lowerBound, old.minItems, new.minItems),
            ("maxItems", .upperBound, old.maxItems, new.maxItems), ("uniqueItems", .flag, old.uniqueItems, new.uniqueItems),
            ("minProperties", .lowerBound, old.minProperties, new.minProperties),
            ("maxProperties", .upperBound, old.maxProperties, new.maxProperties),
        ]
        for (name, kind, before, after) in pairs where text(before) != text(after) {
            let effect: ConstraintEffect
            switch (kind, number(before), number(after)) {
            case (.flag, _, _): effect = after as? Bool == true ? .tighter : .looser
            case let (.lowerBound, before?, after?): effect = after > before ? .tighter : .looser
            case let (.upperBound, before?, after?): effect = after < before ? .tighter : .looser
            default: effect = before == nil ? .tighter : after == nil ? .looser : .different
            }
            report(effect, "\(subject): \(name) changed from \(text(before)) to \(text(after))")
        }
    }
}
