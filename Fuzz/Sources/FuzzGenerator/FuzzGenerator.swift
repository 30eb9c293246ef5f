import CodeGen
import SpecDiff
import SpecParser

/// The fuzzer's input as the one spec file there is.
struct FuzzInput: SpecSource {
    static let path = "fuzz.yml"
    let bytes: [UInt8]

    func read(_ path: String) throws -> [UInt8] {
        guard path == Self.path else { throw SourceError(message: "no file '\(path)' beside the fuzz input") }
        return bytes
    }
}

/// Smaller limits than the defaults, so that each input runs in milliseconds;
/// the defaults are exercised by the limit tests.
let limits = YAMLLimits(maxInputBytes: 1 << 20, maxDepth: 64, maxNodes: 200_000, maxAliasedNodes: 10_000)

/// Runs the whole pipeline on one input, and stops the process (which libFuzzer
/// records as a finding) when an invariant breaks. A crash, a hang or an
/// out-of-memory anywhere in the pipeline is a finding too.
func check(_ bytes: [UInt8]) {
    let generator = Generator(
        options: .init(clientName: "Fuzz"),
        loader: SpecLoader(source: FuzzInput(bytes: bytes), limits: limits)
    )
    let first = generator.generate(specPath: FuzzInput.path)

    // Every error says where it is, in the file that was read.
    for error in first.diagnostics.errors {
        guard let location = error.location else { fatalError("diagnostic without a location: \(error)") }
        if location.file != FuzzInput.path || location.line < 1 || location.column < 1 {
            fatalError("badly located diagnostic: \(error)")
        }
    }
    // A spec with errors produces nothing; one without produces a module.
    if first.diagnostics.hasErrors != first.files.isEmpty {
        fatalError("errors: \(first.diagnostics.hasErrors), files: \(first.files.count)")
    }
    // Output and diagnostics are the same on every run.
    let second = generator.generate(specPath: FuzzInput.path)
    if second.files != first.files || second.diagnostics.all.map(\.description) != first.diagnostics.all.map(\.description) {
        fatalError("generation is not deterministic")
    }
    // File names are unique in the module, ignoring case, as the compiler requires.
    let stems = first.files.map { $0.path.split(separator: "/").last.map { $0.lowercased() } ?? "" }
    if Set(stems).count != stems.count {
        fatalError("two generated files share a name: \(first.files.map(\.path))")
    }
    // A spec compared with itself has no API changes (and the walk ends):
    // the whole walk, which would skip all of it as written the same.
    let loaded = SpecLoader(source: FuzzInput(bytes: bytes), limits: limits).load(path: FuzzInput.path)
    if !loaded.diagnostics.hasErrors, let document = loaded.document {
        var options = SpecComparer.Options(includeDocs: true)
        options.skipsUnchanged = false
        let changes = SpecComparer(options: options).compare(old: document, new: document)
        if let change = changes.first {
            fatalError("the spec differs from itself: \(change.rule) at \(change.pointer): \(change.message)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    check(bytes)
    return 0
}
