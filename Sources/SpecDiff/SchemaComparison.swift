import SpecParser

/// The schema walk: each pair of schemas compared once per direction, its
/// own keywords here, its properties, branches, members and items in the
/// files beside this one.
extension ComparisonRun {
    /// Two schemas to compare, and where: the pointer and words a change is reported with.
    struct SchemaPair {
        var old: Schema
        var new: Schema
        var pointer: String
        var subject: String
        /// False for an `allOf` member: its properties are compared with the
        /// object they merge into, where `required` and the others meet.
        var withProperties = true
        /// True for a union's branch paired with a whole schema: null-ness
        /// was compared for the union.
        var nullnessCompared = false
    }

    /// How a change found in a pair is reported: rule, severity, message, and where when not at the pair.
    typealias Reporter = (
        _ rule: DiffRule, _ severity: SpecChange.Severity, _ message: String, _ pointer: String?,
        _ old: SourceLocation?, _ new: SourceLocation?
    ) -> Void

    /// Compares two schemas in the given direction. A pair of named schemas is
    /// walked once per direction; later operations that reach it are added
    /// to the changes found the first time.
    ///
    /// The walk keeps its own stack: as calls, a chain of a thousand schemas
    /// each naming the next overflowed the thread's stack. Each pair's own
    /// checks come first, then the pairs under it, depth first, in order.
    func compareSchema(
        _ oldSchema: Schema, _ newSchema: Schema, direction: SpecChange.Direction, operation: String,
        pointer: String, subject: String
    ) {
        /// A pair being compared: where it is written, and the pairs under it still to walk.
        struct Frame {
            var written: WrittenPair
            var children: [SchemaPair]
            var next = 0
        }
        var frames: [Frame] = []
        func enter(_ pair: SchemaPair) {
            // Written the same, and leading only to what is the same: nothing to find.
            if isUnchanged(pair.old, pair.new) { return }
            var o = resolve(pair.old, in: oldSchemas)
            var n = resolve(pair.new, in: newSchemas)
            // Null-ness belongs to the place that uses a schema (`oneOf: [$ref, null]`),
            // not to the schema it names: compared here, for this place, before a
            // shared schema is compared once for all its uses.
            let isRequest = direction == .request
            if pair.nullnessCompared {
                // The union this branch belongs to compared it.
            } else if !o.allowsNull && n.allowsNull {
                report(
                    .becameNullable, isRequest ? .info : .breaking, direction, operation: operation,
                    pointer: pair.pointer, old: pair.old.location, new: pair.new.location,
                    "\(pair.subject) may now be null")
            } else if o.allowsNull && !n.allowsNull {
                report(
                    .becameNonNullable, isRequest ? .breaking : .info, direction, operation: operation,
                    pointer: pair.pointer, old: pair.old.location, new: pair.new.location,
                    "\(pair.subject) may no longer be null")
            }
            // A reference on one side and the same reference with keywords
            // beside it (an `allOf` of both) on the other: compared as two
            // `allOf`s, so that the target is compared with itself.
            if o.schema.allOf.isEmpty != n.schema.allOf.isEmpty {
                if o.schema.allOf.isEmpty, let key = o.key { o = Self.lifted(o, key) }
                if n.schema.allOf.isEmpty, let key = n.key { n = Self.lifted(n, key) }
            }
            var here = pair.pointer
            var subject = pair.subject
            if let oldKey = o.key, let newKey = n.key, let named = newSchemas[newKey],
                oldSchemas[oldKey]?.name == named.name || renamedComponents[oldKey]?.key == newKey
            {
                // A shared schema's change is reported once, where the schema is, for every operation that uses it.
                here = self.pointer(of: newKey, in: newSchemas)
                subject = "schema \(named.name)"
            }
            let written = WrittenPair(
                direction: direction, old: o.schema.location, new: n.schema.location,
                withProperties: pair.withProperties)
            if let enclosing = pairsInProgress[written] {
                _ = reach(enclosing, operation: operation)
                return
            }
            let visitKey =
                "\(direction.rawValue)|\(o.key?.description ?? pair.pointer)|\(n.key?.description ?? pair.pointer)"
                + (pair.withProperties ? "" : "|members")
            if reach(visitKey, operation: operation) { return }
            pairsInProgress[written] = visitKey
            beginVisit(visitKey)
            let children = compareResolved(
                o, n, direction: direction, operation: operation, pointer: here, subject: subject,
                withProperties: pair.withProperties, places: (pair.old.location, pair.new.location))
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

    /// A reference seen as the `allOf` of itself alone.
    private static func lifted(_ resolved: ResolvedSchema, _ key: SchemaKey) -> ResolvedSchema {
        var member = Schema(location: resolved.schema.location)
        member.reference = key
        var wrapper = Schema(location: resolved.schema.location)
        wrapper.allOf = [member]
        return ResolvedSchema(
            schema: wrapper, key: nil, allowsNull: resolved.allowsNull, branches: [], unionKeyword: "anyOf")
    }

    /// The checks of one pair; returns the pairs under it, for the walk to compare next.
    private func compareResolved(
        _ o: ResolvedSchema, _ n: ResolvedSchema, direction: SpecChange.Direction,
        operation: String, pointer: String, subject: String, withProperties: Bool,
        places: (old: SourceLocation, new: SourceLocation)
    ) -> [SchemaPair] {
        let old = o.schema
        let new = n.schema
        let change: Reporter = { rule, severity, message, path, oldLocation, newLocation in
            self.report(
                rule, severity, direction, operation: operation, pointer: path ?? pointer,
                old: oldLocation ?? old.location, new: newLocation ?? new.location, message)
        }
        var children: [SchemaPair] = []
        if !o.branches.isEmpty || !n.branches.isEmpty {
            // A value of one of several kinds: what changed is which kinds, and each kind.
            let atPlace: Reporter = { rule, severity, message, path, oldLocation, newLocation in
                change(rule, severity, message, path, oldLocation ?? places.old, newLocation ?? places.new)
            }
            children += compareBranches(o, n, direction: direction, pointer: pointer, subject: subject, change: atPlace)
            // A whole schema on one side is a branch: all of it is compared with the branch it pairs with.
            if o.branches.isEmpty || n.branches.isEmpty { return children }
        } else if !compareValues(old, new, direction: direction, subject: subject, change: change) {
            return []
        }
        if options.includeDocs && old.description != new.description {
            change(.descriptionChanged, .info, "the description of \(subject) changed", nil, nil, nil)
        }
        if withProperties {
            children += compareProperties(
                old, new, direction: direction, operation: operation, pointer: pointer, change: change)
        }
        children += compareCollections(
            old, new, direction: direction, pointer: pointer, subject: subject, change: change)
        children += compareAllOf(o, n, direction: direction, pointer: pointer, subject: subject, change: change)
        compareDiscriminators(
            old.discriminator, new.discriminator, direction: direction, subject: subject, change: change)
        return children
    }

    /// The keywords that say which single values are valid: type, format,
    /// enum, const, default, constraints. False when the types differ, so
    /// that nothing inside is compared.
    private func compareValues(
        _ old: Schema, _ new: Schema, direction: SpecChange.Direction, subject: String,
        change: Reporter
    ) -> Bool {
        let isRequest = direction == .request
        let oldTypes = types(old, in: oldSchemas)
        let newTypes = types(new, in: newSchemas)
        if oldTypes != newTypes {
            let describe: (Set<Schema.JSONType>) -> String = {
                $0.isEmpty ? "any" : $0.map(\.rawValue).sorted().joined(separator: "|")
            }
            // Every value that was valid still is when a request widens, or a response narrows.
            let widened = Self.admitsAll(of: oldTypes, newTypes)
            let narrowed = Self.admitsAll(of: newTypes, oldTypes)
            let harmless = isRequest ? widened : narrowed
            change(
                .typeChanged, harmless ? .info : .breaking,
                "\(subject) changed type from \(describe(oldTypes)) to \(describe(newTypes))", nil, nil, nil)
            if !harmless { return false }
        }
        if old.format != new.format {
            change(
                .formatChanged, .breaking,
                "\(subject) changed format from \(old.format ?? "none") to \(new.format ?? "none")", nil, nil, nil)
        }

        // Enums.
        let oldValues = old.enumValues?.compactMap(\.text)
        let newValues = new.enumValues?.compactMap(\.text)
        switch (oldValues, newValues) {
        case (let previous?, let current?):
            let before = Set(previous)
            let after = Set(current)
            for value in current where !before.contains(value) {
                change(
                    .enumValueAdded, isRequest ? .info : .warning,
                    "\(subject) gained the value '\(value)'"
                        + (isRequest ? "" : "; clients without open enums may fail to decode it"),
                    nil, nil, nil)
            }
            for value in previous where !after.contains(value) {
                change(
                    .enumValueRemoved, isRequest ? .breaking : .info, "\(subject) lost the value '\(value)'", nil, nil,
                    nil)
            }
        case (nil, _?):
            change(
                .enumConstraintAdded, isRequest ? .breaking : .info, "\(subject) is now restricted to a list of values",
                nil, nil, nil)
        case (_?, nil):
            change(
                .enumConstraintRemoved, isRequest ? .info : .warning,
                "\(subject) is no longer restricted to a list of values", nil, nil, nil)
        case (nil, nil):
            break
        }

        // Const (2020-12).
        let oldConst = old.constValue.map(Self.text)
        let newConst = new.constValue.map(Self.text)
        switch (oldConst, newConst) {
        case (let before?, let after?) where before != after:
            change(.constChanged, .breaking, "\(subject) changed its const from \(before) to \(after)", nil, nil, nil)
        case (nil, let after?):
            change(.constChanged, isRequest ? .breaking : .info, "\(subject) is now the const \(after)", nil, nil, nil)
        case (let before?, nil):
            change(
                .constChanged, isRequest ? .info : .warning, "\(subject) is no longer the const \(before)", nil, nil,
                nil)
        default:
            break
        }

        // Defaults and constraints.
        if old.defaultValue?.text != new.defaultValue?.text {
            change(
                .defaultChanged, .warning,
                "\(subject) default changed from \(old.defaultValue?.text ?? "none") to "
                    + "\(new.defaultValue?.text ?? "none")",
                nil, nil, nil)
        }
        let oldJob = old.jobStatus.map { "\($0.field): \($0.succeeded) / \($0.failed)" }
        let newJob = new.jobStatus.map { "\($0.field): \($0.succeeded) / \($0.failed)" }
        if oldJob != newJob {
            change(
                .jobStatusChanged, .warning,
                "\(subject) x-job-status changed from \(oldJob ?? "none") to \(newJob ?? "none")", nil, nil, nil)
        }
        compareConstraints(old.constraints, new.constraints, subject: subject) { effect, message in
            change(.constraintChanged, Self.grade(effect, isRequest: isRequest), message, nil, nil, nil)
        }
        return true
    }

    /// Whether every value of the types `narrow` is one of the types `wide`
    /// (no types is any value; every integer is a number).
    private static func admitsAll(of narrow: Set<Schema.JSONType>, _ wide: Set<Schema.JSONType>) -> Bool {
        if wide.isEmpty { return true }
        if narrow.isEmpty { return false }
        return narrow.allSatisfy { wide.contains($0) || ($0 == .integer && wide.contains(.number)) }
    }

    /// A value as JSON writes it, for messages.
    static func text(_ value: SpecValue) -> String {
        switch value {
        case .null: "null"
        case .string(let text): "'\(text)'"
        case .array(let items): "[" + items.map(text).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.map { "\($0.key): \(text($0.value))" }.joined(separator: ", ") + "}"
        default: value.text ?? ""
        }
    }
}
