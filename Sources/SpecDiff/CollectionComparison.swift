import SpecParser

/// What an array holds (`items`, `prefixItems`) and which extra properties
/// an object admits (`additionalProperties`, `patternProperties`).
extension ComparisonRun {
    func compareCollections(
        _ old: Schema, _ new: Schema, direction: SpecChange.Direction, pointer: String,
        subject: String, change: Reporter
    ) -> [SchemaPair] {
        var children: [SchemaPair] = []
        let isRequest = direction == .request
        if let oldItems = old.items?.value, let newItems = new.items?.value {
            children.append(
                SchemaPair(
                    old: oldItems, new: newItems, pointer: pointer + "/items",
                    subject: "the items of \(subject)"))
        }

        // prefixItems: a tuple's positions.
        for (index, (before, after)) in zip(old.prefixItems, new.prefixItems).enumerated() {
            children.append(
                SchemaPair(
                    old: before, new: after, pointer: pointer + "/prefixItems/\(index)",
                    subject: "item \(index) of \(subject)"))
        }
        if old.prefixItems.count != new.prefixItems.count {
            change(
                .prefixItemsChanged, isRequest ? .breaking : .warning,
                "\(subject) now has \(new.prefixItems.count) prefixItems instead of \(old.prefixItems.count)",
                pointer + "/prefixItems", nil, nil)
        }

        // additionalProperties: nothing said is anything allowed.
        switch (old.additionalProperties, new.additionalProperties) {
        case (.schema(let before)?, .schema(let after)?):
            children.append(
                SchemaPair(
                    old: before.value, new: after.value, pointer: pointer + "/additionalProperties",
                    subject: "the values of \(subject)"))
        default:
            let before = Self.extraProperties(old.additionalProperties)
            let after = Self.extraProperties(new.additionalProperties)
            if before != after {
                // From any to some to none: each step admits fewer.
                let effect: ConstraintEffect = after.rank < before.rank ? .tighter : .looser
                change(
                    .additionalPropertiesChanged, Self.grade(effect, isRequest: isRequest),
                    "\(subject) now admits \(after.words) beyond its properties (was \(before.words))",
                    pointer + "/additionalProperties", nil, nil)
            }
        }

        // patternProperties.
        let oldPatterns = Dictionary(
            old.patternProperties.map { ($0.pattern, $0.schema) }, uniquingKeysWith: { first, _ in first })
        let newPatterns = Set(new.patternProperties.map(\.pattern))
        for entry in new.patternProperties {
            let here = pointer + "/patternProperties/" + JSONPointer.escape(entry.pattern)
            if let before = oldPatterns[entry.pattern] {
                children.append(
                    SchemaPair(
                        old: before, new: entry.schema, pointer: here,
                        subject: "the properties of \(subject) matching '\(entry.pattern)'"))
            } else {
                change(
                    .patternPropertiesChanged, Self.grade(.tighter, isRequest: isRequest),
                    "\(subject) constrains the properties matching '\(entry.pattern)'", here, nil, entry.schema.location
                )
            }
        }
        for entry in old.patternProperties where !newPatterns.contains(entry.pattern) {
            change(
                .patternPropertiesChanged, Self.grade(.looser, isRequest: isRequest),
                "\(subject) no longer constrains the properties matching '\(entry.pattern)'",
                pointer + "/patternProperties/" + JSONPointer.escape(entry.pattern), entry.schema.location, nil)
        }
        return children
    }

    /// Which extra properties an object admits, from most to fewest.
    private enum ExtraProperties: Equatable {
        case any, someValues, none

        var rank: Int {
            switch self {
            case .any: 2
            case .someValues: 1
            case .none: 0
            }
        }

        var words: String {
            switch self {
            case .any: "any other property"
            case .someValues: "other properties of a schema"
            case .none: "no other property"
            }
        }
    }

    private static func extraProperties(_ value: Schema.AdditionalProperties?) -> ExtraProperties {
        switch value {
        case nil, .allowed(true)?: .any
        case .allowed(false)?: .none
        case .schema(let schema)?:
            // `additionalProperties: {}` says nothing: any value.
            schema.value.isFreeForm && !schema.value.allowsNull && schema.value.constraints == Schema.Constraints()
                ? .any : .someValues
        }
    }
}
