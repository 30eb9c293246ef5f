/// The access level of what a generated module declares: `public` (the
/// default, for a module other targets import), `package`, or `internal`
/// (for a client generated into the target that uses it).
public enum AccessLevel: String, Sendable, CaseIterable {
    case `public`, `package`, `internal`

    /// What a declaration starts with: `public `, `package `, or nothing,
    /// since `internal` is Swift's default.
    var modifier: String { self == .internal ? "" : rawValue + " " }

    /// The import of a module whose types the declarations use:
    /// `public import`, `package import`, or a plain `import`.
    var importOfUsedTypes: String { self == .internal ? "import" : rawValue + " import" }

    /// The import of a module only the code uses. In a `package` module
    /// it says `internal`: a plain import means `public` in a target
    /// without `InternalImportsByDefault`, and beside a `package import`
    /// Swift finds that ambiguous.
    var importForCode: String { self == .package ? "internal import" : "import" }
}
