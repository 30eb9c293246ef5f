/// The part of a semantic version (`MAJOR.MINOR.PATCH`) that a release of the
/// generated client module must raise for what changed in its public API.
///
/// Apps depend on a client module by version (`from: "1.0.0"` takes every
/// release up to 2.0.0), so a change that stops an app's code compiling must
/// come in a new major version, a new declaration in a new minor one, and
/// anything else (documentation, behaviour on the wire) in a patch.
public enum SemanticVersionBump: String, Sendable, Hashable, Comparable, CaseIterable {
    /// No public declaration changed, or none in a way an app's code can see.
    case patch
    /// Declarations were added (or deprecated); code that compiled still compiles.
    case minor
    /// Code that compiled against the old module may not compile against the new one.
    case major

    private var rank: Int {
        switch self {
        case .patch: 0
        case .minor: 1
        case .major: 2
        }
    }

    /// Patch before minor before major.
    public static func < (lhs: SemanticVersionBump, rhs: SemanticVersionBump) -> Bool { lhs.rank < rhs.rank }
}
