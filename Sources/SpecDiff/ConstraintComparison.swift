import SpecParser

/// Bounds, lengths, patterns and counts: what a changed one does to the
/// values a schema admits, and how much that hurts on each side.
extension ComparisonRun {
    /// What a changed constraint does to the values a schema admits.
    enum ConstraintEffect {
        /// Fewer values are valid (a new or higher minimum, a lower maximum).
        case tighter
        /// More values are valid.
        case looser
        /// Other values are valid (a different pattern or multipleOf).
        case different
    }

    /// Fewer values accepted fails callers' requests; more values returned may surprise them.
    static func grade(_ effect: ConstraintEffect, isRequest: Bool) -> SpecChange.Severity {
        switch effect {
        case .tighter: isRequest ? .breaking : .info
        case .looser: isRequest ? .info : .warning
        case .different: isRequest ? .breaking : .warning
        }
    }

    func compareConstraints(
        _ old: Schema.Constraints, _ new: Schema.Constraints, subject: String,
        _ report: (ConstraintEffect, String) -> Void
    ) {
        guard old != new else { return }
        func text(_ value: Any?) -> String {
            guard let value else { return "none" }
            if let double = value as? Double, double == double.rounded(), abs(double) < 1e15 {
                return String(Int(double))
            }
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
            ("minLength", .lowerBound, old.minLength, new.minLength),
            ("maxLength", .upperBound, old.maxLength, new.maxLength),
            ("pattern", .other, old.pattern, new.pattern), ("minItems", .lowerBound, old.minItems, new.minItems),
            ("maxItems", .upperBound, old.maxItems, new.maxItems),
            ("uniqueItems", .flag, old.uniqueItems, new.uniqueItems),
            ("minProperties", .lowerBound, old.minProperties, new.minProperties),
            ("maxProperties", .upperBound, old.maxProperties, new.maxProperties),
        ]
        for (name, kind, before, after) in pairs where text(before) != text(after) {
            let effect: ConstraintEffect
            switch (kind, number(before), number(after)) {
            case (.flag, _, _): effect = after as? Bool == true ? .tighter : .looser
            case (.lowerBound, let before?, let after?): effect = after > before ? .tighter : .looser
            case (.upperBound, let before?, let after?): effect = after < before ? .tighter : .looser
            default: effect = before == nil ? .tighter : after == nil ? .looser : .different
            }
            report(effect, "\(subject): \(name) changed from \(text(before)) to \(text(after))")
        }
    }
}
