/// Singular nouns for plural names: the items of a list type
/// (`ColorPalette.Members` → `Member`), and the resource a parameter's
/// pointer names (`ModelsGetParametersScope` → `ModelScope`).
extension Naming {
    /// The singular of a name whose last word reads as an English plural;
    /// nil for one that does not (`Status`, `Address`, `Analysis`, `Series`,
    /// `Data`). `Models` → `Model`, `Categories` → `Category`, `Addresses` →
    /// `Address`, `Statuses` → `Status`, `Boxes` → `Box`, `Batches` → `Batch`.
    public static func singular(_ name: String) -> String? {
        let lower = lowercased(name)
        if notPlural.contains(where: { lower.hasSuffix($0) }) { return nil }
        if let (plural, singular) = irregular.first(where: { lower.hasSuffix($0.plural) }) {
            let stem = name.dropLast(plural.count)
            // The replaced ending keeps the case of the first letter it replaces.
            let first = name.dropFirst(stem.count).first
            let ending = first?.isUppercase == true ? singular.prefix(1).uppercased() + singular.dropFirst() : singular
            return stem + ending
        }
        if lower.hasSuffix("ies"), lower.count > 3 {
            return String(name.dropLast(3)) + (name.dropLast(2).last!.isUppercase ? "Y" : "y")
        }
        // The `es` of a plural after s, x, ch and sh, and of `-tuses`.
        if ["sses", "xes", "ches", "shes", "tuses"].contains(where: { lower.hasSuffix($0) }) {
            return String(name.dropLast(2))
        }
        if lower.hasSuffix("s"), !["ss", "us", "is"].contains(where: { lower.hasSuffix($0) }) {
            return String(name.dropLast())
        }
        return nil
    }

    /// Endings of words that end in `s` and are no plurals, or whose plural
    /// is the same word.
    private static let notPlural: [String] = ["series", "species", "news", "alias", "canvas", "bias", "atlas", "gas"]

    /// Plurals the rules above would get wrong, by their ending.
    private static let irregular: [(plural: String, singular: String)] = [
        ("people", "person"), ("children", "child"), ("indices", "index"), ("matrices", "matrix"),
        ("vertices", "vertex"),
        ("analyses", "analysis"), ("caches", "cache"), ("movies", "movie"), ("cookies", "cookie"),
    ]
}
