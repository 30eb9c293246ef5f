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
        load(path: path, keeping: nil)
    }

    /// `load(path:)`, handing the decoder (which holds the YAML trees) to
    /// `keep` when given, so that a caller that ends soon can keep it from
    /// being freed (``Generator/Options/retainsIntermediates``).
    package func load(path: String, keeping keep: ((AnyObject) -> Void)?) -> Result {
        let decoder = DocumentDecoder(loader: self)
        let document = decoder.decodeRoot(path: path)
        keep?(decoder)
        return Result(
            document: decoder.diagnostics.hasErrors && document == nil ? nil : document,
            diagnostics: decoder.diagnostics)
    }

    /// Loads each of `paths`, all at once: each after the first on a thread
    /// of its own (`diff` reads OLD and NEW side by side). The results are
    /// in the order of `paths`, and the same as `load(path:)` gives.
    public func load(paths: [String]) -> [Result] {
        guard paths.count > 1 else { return paths.map { load(path: $0) } }
        let slots = paths.map { _ in Slot() }
        let loader = self
        let threads = paths.indices.dropFirst().map { index in
            (
                index,
                WorkerThread(index: index - 1) { [slot = slots[index]] in slot.result = loader.load(path: paths[index])
                }
            )
        }
        slots[0].result = load(path: paths[0])
        for (index, thread) in threads {
            if let thread {
                thread.join()
            } else {
                // No thread to be had: read it here.
                slots[index].result = load(path: paths[index])
            }
        }
        return slots.map { $0.result! }
    }

    /// One result of `load(paths:)`: written by one thread, read after it is joined.
    private final class Slot: @unchecked Sendable {
        var result: Result?
    }

    /// Loads text already in memory, named `file` in diagnostics.
    public static func load(text: String, file: String = "spec.yml", limits: YAMLLimits = .default) -> Result {
        SpecLoader(source: InMemorySource([file: text]), limits: limits).load(path: file)
    }
}
