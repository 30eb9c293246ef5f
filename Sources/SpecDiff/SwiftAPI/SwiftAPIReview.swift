/// What a spec change does to the public Swift API of the client generated
/// from it: every effect on a declaration, the semantic-version bump they
/// force on the client module, and the spec changes that change nothing
/// public. A section of a ``DiffOutcome`` (`diff --swift-api`, and
/// `generate --check` on drift).
public struct SwiftAPIReview: Sendable {
    /// The client type's name the modules were generated with (`Ideogram`).
    public var clientName: String
    /// The effects, major first, then minor, then patch; within a level, in
    /// the order of the declarations: those of the old module's
    /// declarations first, in its order, then the new ones.
    public var effects: [SwiftAPIEffect]
    /// The ids of the spec changes no effect is linked to: nothing public
    /// changed with them (behaviour on the wire may have).
    public var changesWithoutEffect: [String]
    /// Why the effects could not be found (a version the generator does not
    /// accept); nil when they were.
    public var unavailable: String?

    /// A review with these effects.
    public init(
        clientName: String, effects: [SwiftAPIEffect], changesWithoutEffect: [String] = [], unavailable: String? = nil
    ) {
        self.clientName = clientName
        self.effects = effects
        self.changesWithoutEffect = changesWithoutEffect
        self.unavailable = unavailable
    }

    /// A review that could not be made, and why.
    public static func unavailable(clientName: String, because reason: String) -> SwiftAPIReview {
        SwiftAPIReview(clientName: clientName, effects: [], unavailable: reason)
    }

    /// The part of the client module's version to raise: major when any
    /// effect is source-breaking, minor when any adds (or deprecates), patch
    /// otherwise.
    public var bump: SemanticVersionBump { effects.map(\.bump).max() ?? .patch }

    /// The effects that force ``bump``; empty for a patch.
    public var forcingEffects: [SwiftAPIEffect] {
        bump == .patch ? [] : effects.filter { $0.bump == bump }
    }

    /// `2 major, 3 minor, 0 patch`.
    var counts: String {
        SemanticVersionBump.allCases.reversed().map { level in
            "\(effects.filter { $0.bump == level }.count) \(level.rawValue)"
        }.joined(separator: ", ")
    }

    /// `major (2 source-breaking effects)`, `minor (3 additions)`, `patch (no public declaration changed)`.
    var verdict: String {
        let forcing = forcingEffects.count
        switch bump {
        case .major: return "major (\(forcing) source-breaking effect\(forcing == 1 ? "" : "s"))"
        case .minor:
            return "minor (\(forcing) addition\(forcing == 1 ? "" : "s") or deprecation\(forcing == 1 ? "" : "s"))"
        case .patch:
            return effects.isEmpty
                ? "patch (no public declaration changed)"
                : "patch (\(effects.count) effect\(effects.count == 1 ? "" : "s") apps cannot see at compile time)"
        }
    }
}
