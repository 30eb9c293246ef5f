import CodeGen
import SpecDiff
import SpecParser

// The tool and the libraries it links use no Foundation: files and processes
// go through the C library, so that the tool starts without loading
// Foundation's libraries (Benchmarks/BENCHMARKS.md).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `ideogram-codegen`: generates a Swift client module from an OpenAPI spec.
/// Diagnostics and errors go to stderr in compiler format; the exit status is
/// 0 on success, 1 when the spec has errors or the output differs (--check),
/// and 2 on a usage error.

let usage = """
    USAGE: ideogram-codegen <command> [options]

    COMMANDS:
      generate SPEC --output DIR [--module-name NAME] [--client-name NAME] [--layout split|grouped]
                    [--operation ID]... [--tag TAG]... [--path PATTERN]... [--access LEVEL] [--check] [--strict]
                        Generate the client module for SPEC into DIR.
      generate --config FILE [--client MODULE]... [--check]
                        Generate (or check) the clients FILE lists (openapi-clients.yml).
      lint SPEC [--strict]
                        Print the spec's diagnostics; exit 1 if any is an error (or, with
                        --strict, a warning).
      diff OLD NEW [--format text|markdown|changelog|json|github] [--fail-on breaking|warning|info]
           [--ignore FILE] [--config FILE] [--deprecation-days N] [--include-docs]
           [--swift-api [--client-name NAME]]
                        Report the API changes from OLD to NEW (OLD may be REV:path), and
                        with --swift-api what they do to the generated Swift client.
      diff --list-rules Print every rule diff reports changes under.

    Run 'ideogram-codegen <command> --help' for a command's options.
    """

let generateHelp = """
    USAGE: ideogram-codegen generate SPEC --output DIR [options]
           ideogram-codegen generate --config FILE [--client MODULE]... [--check]

    Reads the OpenAPI 3.0/3.1 document SPEC and writes a self-contained Swift
    module (types, one file per operation, client and runtime) into DIR.
    Swift files in DIR that are no longer generated are removed.

    With --config, generates every client the config file lists (or those
    --client names), with the spec, folder, names and layout it gives each;
    paths in it are relative to its folder. The format is in the README
    ("The generation config").

    OPTIONS:
      --config FILE         The generation config (openapi-clients.yml).
      --client MODULE       With --config: only this client; may be repeated.
      --output DIR          The folder of the module's sources (required).
      --module-name NAME    The module's name; the client type is NAME without
                            a 'Client' suffix (IdeogramClient -> Ideogram).
                            Default: the output folder's name.
      --client-name NAME    The client type's name, overriding the above.
      --layout split|grouped
                            split (the default): one file per type and per
                            operation, so that a change to one schema is a
                            change to one file. grouped: one file per folder
                            (Types.swift, Operations.swift, Runtime.swift),
                            which an app's debug build compiles faster.
      --operation ID        Generate this operation (by operationId); may be repeated.
      --tag TAG             Generate the operations of this tag; may be repeated.
      --path PATTERN        Generate the operations whose path matches PATTERN, where
                            * stands for any characters ('/v1/customers*'); may be
                            repeated. With none of these three, every operation is
                            generated; with some, those they select and the types
                            those operations reach.
      --access LEVEL        public (the default), package or internal: the access
                            level of every generated declaration.
      --check               Write nothing; list the files that differ and exit 1
                            if any do. With a snapshot in DIR, also print the API
                            changes between it and SPEC, what they do to the
                            client's public Swift API, and the version bump that
                            needs (major, minor or patch).
      --strict              Exit 1 when the spec has warnings too (for CI).
      --snapshot            Also write spec-snapshot.yml, a copy of SPEC, into DIR.
      -h, --help            Show this help.
    """

let lintHelp = """
    USAGE: ideogram-codegen lint SPEC [--strict]

    Reads SPEC and prints every diagnostic as 'path:line:column: severity: message'.
    Exits 1 when any diagnostic is an error, 0 otherwise.

    OPTIONS:
      --strict              Exit 1 when any diagnostic is a warning too (for CI).
      -h, --help            Show this help.
    """

/// Writes `text` to standard error; a failure there has nowhere to be reported.
func printError(_ text: String) {
    _ = writeAll(text, to: 2)
}

/// Writes `text`, then `terminator`, to standard output in one `write(2)`.
/// Everything the tool prints goes through here rather than `print`, whose
/// first call looks up the conformances of its `Any` arguments at run time
/// (BENCHMARKS.md, sixth round). As with `print`, a failed write is not
/// reported.
func printOutput(_ text: String, terminator: String = "\n") {
    _ = writeAll(text + terminator, to: 1)
}

/// Whether anything (a file, a folder, a link that leads somewhere) is at `path`.
func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

func fail(_ message: String, code: Int32 = 2) -> Never {
    printError("error: \(message)\n")
    exit(code)
}

func printDiagnostics(_ diagnostics: Diagnostics) {
    for diagnostic in diagnostics.sorted {
        printError(diagnostic.description + "\n")
    }
}

/// Keeps `value` (a client's model and files) from being freed: the process
/// ends soon after, and freeing tens of thousands of objects one by one
/// took longer than the process's exit takes to drop them all at once
/// (about 0.2 ms of the Ideogram client's 10 ms; BENCHMARKS.md, seventh
/// round). Compilers do the same (clang's `-disable-free`).
func keepUntilExit(_ value: some Any) {
    _ = Unmanaged.passRetained(KeptValue(value))
}

/// A value ``keepUntilExit(_:)`` keeps, boxed so that it can be retained.
final class KeptValue<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Generates one client into `output`, or with `check` compares it with
/// what is there; prints what happened. False when the spec has errors, the
/// output cannot be written, or (with `check`) it differs.
func generateClient(spec: String, output: String, options: Generator.Options, check: Bool, strict: Bool = false) -> Bool
{
    var options = options
    // The process ends soon after: freeing the trees and tables is wasted work.
    options.retainsIntermediates = true
    let generator = Generator(options: options)
    let translated = generator.translate(specPath: spec)
    printDiagnostics(translated.diagnostics)
    guard !translated.diagnostics.hasErrors else {
        printError("error: \(spec) has errors; nothing was generated into \(output)\n")
        return false
    }
    if strict && !translated.diagnostics.warnings.isEmpty {
        printError(
            "error: \(spec) has \(translated.diagnostics.warnings.count) warning(s), and --strict makes them errors; "
                + "nothing was generated into \(output)\n"
        )
        return false
    }
    let directory = OutputDirectory(path: output)
    guard check else {
        // Each file is written as soon as it is rendered, while the others
        // are still being rendered.
        let writer = OutputDirectory.Writer(directory)
        let result = generator.render(translated, specPath: spec) { writer.write($0) }
        keepUntilExit(result)
        do {
            let written = try writer.finish()
            printOutput("generated \(result.files.count) files into \(output) (\(written.count) changed)")
            return true
        } catch {
            printError("error: cannot write into \(output): \(error)\n")
            return false
        }
    }
    let result = generator.render(translated, specPath: spec)
    let differences = directory.differences(from: result.files)
    if differences.isEmpty {
        printOutput("\(output) is up to date with \(spec) (\(result.files.count) files)")
        return true
    }
    for difference in differences {
        printError("\(output)/\(difference)\n")
    }
    let snapshot = output + "/" + Generator.Options.snapshotFileName
    let (oldSpec, newSpec) = (SpecLoader().load(path: snapshot), SpecLoader().load(path: spec))
    if fileExists(snapshot), let old = oldSpec.document, let new = newSpec.document {
        // The spec changes, and what they do to the client's public Swift API (the version bump it needs).
        let outcome = SwiftAPIComparer(options: options).outcome(
            old: old, new: new, oldHasErrors: oldSpec.diagnostics.hasErrors, newHasErrors: false)
        printError("\nAPI changes since the client was generated:\n" + DiffReport.render(outcome, format: .text))
    }
    printError("error: \(differences.count) generated file(s) in \(output) differ from \(spec)\n")
    return false
}

struct Arguments {
    var positional: [String] = []
    /// Every value of each valued option, in order (`--client A --client B`).
    var allValues: [String: [String]] = [:]
    /// The last value of each valued option.
    var options: [String: String] { allValues.compactMapValues(\.last) }
    var flags: Set<String> = []

    func values(_ option: String) -> [String] { allValues[option] ?? [] }

    init(_ raw: ArraySlice<String>, valued: Set<String>, flags known: Set<String>) {
        var iterator = raw.makeIterator()
        while let argument = iterator.next() {
            if valued.contains(argument) {
                guard let value = iterator.next() else { fail("\(argument) needs a value") }
                allValues[argument, default: []].append(value)
            } else if known.contains(argument) {
                flags.insert(argument)
            } else if argument.hasPrefix("-") && argument != "-" {
                fail("unknown option '\(argument)'")
            } else {
                positional.append(argument)
            }
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    printOutput(usage)
    exit(2)
}

switch arguments[1] {
case "-h", "--help", "help":
    printOutput(usage)
case "generate":
    let parsed = Arguments(
        arguments.dropFirst(2),
        valued: [
            "--output", "--module-name", "--client-name", "--layout", "--config", "--client", "--operation", "--tag",
            "--path", "--access",
        ],
        flags: ["--check", "--snapshot", "--strict", "-h", "--help"])
    if !parsed.flags.isDisjoint(with: ["-h", "--help"]) {
        printOutput(generateHelp)
        exit(0)
    }
    let check = parsed.flags.contains("--check")
    let strict = parsed.flags.contains("--strict")
    if let configPath = parsed.options["--config"] {
        let perClient = [
            "--output", "--module-name", "--client-name", "--layout", "--operation", "--tag", "--path", "--access",
        ]
        guard parsed.positional.isEmpty, perClient.allSatisfy({ parsed.options[$0] == nil }),
            !parsed.flags.contains("--snapshot")
        else {
            fail(
                "with --config, the spec, output, names and selection come from the config; give only --client, "
                    + "--check and --strict"
            )
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystemSource().read(configPath)
        } catch {
            fail("cannot read \(configPath): \(error)", code: 1)
        }
        let (config, diagnostics) = GenerationConfig.read(String(decoding: bytes, as: UTF8.self), path: configPath)
        printDiagnostics(diagnostics)
        guard let config else { fail("\(configPath) has errors; nothing was generated", code: 1) }
        let clients: [GenerationConfig.Client]
        switch config.clients(named: parsed.values("--client")) {
        case .success(let chosen): clients = chosen
        case .failure(let error): fail("\(configPath): \(error.message)")
        }
        var failed = 0
        for client in clients {
            let spec = GenerationConfig.resolve(client.spec, relativeTo: configPath)
            let output = GenerationConfig.resolve(client.output, relativeTo: configPath)
            if !generateClient(
                spec: spec, output: output, options: Generator.Options(client), check: check, strict: strict)
            {
                failed += 1
            }
        }
        if failed > 0 {
            fail(
                check
                    ? "\(failed) of \(clients.count) client(s) differ from their specs; regenerate with 'swift "
                        + "package --allow-writing-to-package-directory generate-client'"
                    : "\(failed) of \(clients.count) client(s) could not be generated", code: 1)
        }
        exit(0)
    }
    guard parsed.positional.count == 1, let spec = parsed.positional.first else {
        fail("generate needs exactly one SPEC, or --config FILE\n\n\(generateHelp)")
    }
    guard let output = parsed.options["--output"] else { fail("generate needs --output DIR") }
    guard parsed.values("--client").isEmpty else { fail("--client selects clients of a --config file") }
    // The module is named after the output folder unless told otherwise.
    let folder = output.split(separator: "/").last.map(String.init) ?? output
    let module = parsed.options["--module-name"] ?? Naming.type(folder, reserved: [])
    let clientName = parsed.options["--client-name"] ?? Naming.clientName(forModule: module)
    guard let layout = Renderer.Layout(rawValue: parsed.options["--layout"] ?? "split") else {
        fail("--layout must be \(Renderer.Layout.allCases.map(\.rawValue).joined(separator: " or "))")
    }
    guard let access = AccessLevel(rawValue: parsed.options["--access"] ?? "public") else {
        fail("--access must be \(AccessLevel.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let selection = OperationSelection(
        operationIds: parsed.values("--operation").map { .init($0) }, tags: parsed.values("--tag").map { .init($0) },
        paths: parsed.values("--path").map { .init($0) })
    let options = Generator.Options(
        clientName: clientName, includeSpecSnapshot: parsed.flags.contains("--snapshot"), layout: layout,
        selection: selection, access: access)
    exit(generateClient(spec: spec, output: output, options: options, check: check, strict: strict) ? 0 : 1)
case "lint":
    let parsed = Arguments(arguments.dropFirst(2), valued: [], flags: ["--strict", "-h", "--help"])
    if !parsed.flags.isDisjoint(with: ["-h", "--help"]) {
        printOutput(lintHelp)
        exit(0)
    }
    guard parsed.positional.count == 1, let spec = parsed.positional.first else {
        fail("lint needs exactly one SPEC\n\n\(lintHelp)")
    }
    let loaded = SpecLoader().load(path: spec)
    var diagnostics = loaded.diagnostics
    if let document = loaded.document, !diagnostics.hasErrors {
        diagnostics.append(contentsOf: Translator(options: .init(clientName: "Client")).translate(document).diagnostics)
    }
    printDiagnostics(diagnostics)
    let errors = diagnostics.errors.count
    let warnings = diagnostics.warnings.count
    printOutput("\(spec): \(errors) error(s), \(warnings) warning(s)")
    exit(errors > 0 || (parsed.flags.contains("--strict") && warnings > 0) ? 1 : 0)
case "diff":
    runDiff(arguments.dropFirst(2))
default:
    fail("unknown command '\(arguments[1])'\n\n\(usage)")
}
