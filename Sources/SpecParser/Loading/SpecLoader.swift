/// Loads an OpenAPI document: reads the YAML, follows `$ref`s (into other
/// files too), and collects every diagnostic on the way.
///
/// ```swift
/// let result = SpecLoader().load(path: "spec/ideogram-openapi.yml")
/// for diagnostic in result.diagnostics.sorted { print(diagnostic) }
/// ```
public struct SpecLoader: Sendable {
    public var source: any SpecSource
    public var limits: YAMLLimits
    /// The longest chain of `$ref`s followed before giving up.
    public var maxReferenceChain: Int

    /// `source` is the file system, with `limits.maxInputBytes` as its
    /// largest file, unless another is given.
    public init(source: (any SpecSource)? = nil, limits: YAMLLimits = .default, maxReferenceChain: Int = 64) {
        self.source = source ?? FileSystemSource(maxBytes: limits.maxInputBytes)
        self.limits = limits
        self.maxReferenceChain = maxReferenceChain
    }

    public struct Result: Sendable {
        /// The document, unless an error kept it from being read at all.
        public var document: OpenAPIDocument?
        public var diagnostics: Diagnostics
    }

    public func load(path: String) -> Result {
        let decoder = DocumentDecoder(loader: self)
        let document = decoder.decodeRoot(path: path)
        return Result(
            document: decoder.diagnostics.hasErrors && document == nil ? nil : document,
            diagnostics: decoder.diagnostics)
    }

    /// Loads text already in memory, named `file` in diagnostics.
    public static func load(text: String, file: String = "spec.yml", limits: YAMLLimits = .default) -> Result {
        SpecLoader(source: InMemorySource([file: text]), limits: limits).load(path: file)
    }
}
