import CodeGen
import SpecDiff
import SpecParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let diffHelp = """
    USAGE: ideogram-codegen diff OLD NEW [options]
           ideogram-codegen diff --list-rules

    Compares two OpenAPI documents by meaning and reports every API change with
    a rule id, a severity (breaking, warning, info), a direction (request,
    response, both), the operation, the JSON pointer, file:line in OLD and NEW,
    and a stable id. OLD or NEW may be REV:path, read through git
    (HEAD~1:spec/ideogram-openapi.yml). A spec with errors that do not stop it
    being read is compared, and its errors are reported as warnings.

    OPTIONS:
      --format text|markdown|changelog|json|github
                                    Output format (default: text). changelog is
                                    Markdown grouped by operation, breaking first;
                                    github annotates the spec's lines in a pull
                                    request (GitHub Actions).
      --fail-on breaking|warning|info
                                    Exit 1 when a change of this severity or
                                    above is reported (default: breaking).
      --ignore FILE                 Accept the changes FILE lists (a change id, a
                                    rule id, or METHOD /path and a rule id, then
                                    the reason); may be repeated.
      --config FILE                 Read settings from FILE instead of the
                                    .specdiff.yml found in this folder or above.
      --no-config                   Read no .specdiff.yml.
      --deprecation-days N          A deprecation needs an x-sunset N days away or more.
      --today YYYY-MM-DD            Judge x-sunset dates on this day (default: today, UTC).
      --include-docs                Report description and summary changes as info.
      --swift-api                   Also generate the Swift client of OLD and NEW (in
                                    memory) and report what the changes do to its
                                    public API: each declaration added, removed,
                                    renamed or changed, and the semantic-version
                                    bump the client module needs (major, minor or
                                    patch), with the effects that force it.
      --client-name NAME            With --swift-api: the client type's name
                                    (default: Client).
      --list-rules                  Print every rule: id, severities, side, what it
                                    reports (with --format markdown: as a table, with
                                    the reasoning of its severities).
      -h, --help                    Show this help.

    EXIT STATUS: 0 nothing at or above --fail-on, 1 something, 2 usage errors,
    a bad config or ignore file, or a spec that cannot be read.
    """

/// `ideogram-codegen diff`: never returns.
func runDiff(_ raw: ArraySlice<String>) -> Never {
    let parsed = Arguments(
        raw,
        valued: ["--format", "--fail-on", "--ignore", "--config", "--deprecation-days", "--today", "--client-name"],
        flags: ["--include-docs", "--list-rules", "--no-config", "--swift-api", "-h", "--help"])
    if !parsed.flags.isDisjoint(with: ["-h", "--help"]) {
        printOutput(diffHelp)
        exit(0)
    }
    if parsed.flags.contains("--list-rules") {
        // `--format markdown` prints the README's table, with each rule's reasoning.
        printOutput(
            parsed.options["--format"] == "markdown" ? DiffRule.markdownTable() : DiffRule.listing(), terminator: "")
        exit(0)
    }
    guard parsed.positional.count == 2 else { fail("diff needs OLD and NEW\n\n\(diffHelp)") }
    guard let format = DiffReport.Format(rawValue: parsed.options["--format"] ?? "text") else {
        fail("--format must be \(DiffReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if parsed.flags.contains("--no-config") && parsed.options["--config"] != nil {
        fail("--config and --no-config cannot go together")
    }
    let config = loadDiffConfig(explicit: parsed.options["--config"], skip: parsed.flags.contains("--no-config"))

    guard
        let threshold = SpecChange.Severity(
            rawValue: parsed.options["--fail-on"] ?? config?.failOn?.rawValue ?? "breaking")
    else {
        fail("--fail-on must be breaking, warning or info")
    }
    var options = SpecComparer.Options(
        includeDocs: parsed.flags.contains("--include-docs"),
        deprecationDays: config?.deprecationDays)
    if let days = parsed.options["--deprecation-days"] {
        guard let value = Int(days), value >= 0 else {
            fail("--deprecation-days must be a whole number of days, 0 or more")
        }
        options.deprecationDays = value
    }
    if let today = parsed.options["--today"] {
        guard let date = CalendarDate(today) else { fail("--today must be a date, YYYY-MM-DD") }
        options.today = date
    }

    // Accepted changes: the config's ignore file, then those named here.
    var ignoreFiles: [String] = []
    if let config, let file = config.ignoreFile { ignoreFiles.append(path(file, relativeTo: config.path)) }
    ignoreFiles += parsed.values("--ignore")
    var ignore = IgnoreList()
    for file in ignoreFiles {
        let (list, diagnostics) = IgnoreList.read(readText(file), file: file)
        printDiagnostics(diagnostics)
        if diagnostics.hasErrors { fail("\(file) has errors; nothing was compared") }
        ignore.entries += list.entries
    }
    let policy = DiffPolicy(
        levels: config?.levels ?? [:], levelsSource: config?.path ?? DiffConfig.fileName, ignore: ignore)

    // A spec that can be read is compared; its errors become warnings of the
    // report, beside the warnings that say a part of it was left out.
    // OLD and NEW are read side by side.
    let specs = SpecLoader(source: GitSource()).load(paths: parsed.positional)
    if parsed.options["--client-name"] != nil && !parsed.flags.contains("--swift-api") {
        fail("--client-name names the client of --swift-api")
    }
    var documents: [OpenAPIDocument] = []
    var specWarnings: [Diagnostic] = []
    for (path, loaded) in zip(parsed.positional, specs) {
        guard let document = loaded.document else {
            printDiagnostics(Diagnostics(filtering: loaded.diagnostics, atLeast: .error))
            fail("\(path) cannot be read; nothing was compared", code: 2)
        }
        specWarnings += loaded.diagnostics.sorted.filter { $0.severity == .error || $0.leavesOut }.map {
            Diagnostic(.warning, $0.message, at: $0.location)
        }
        documents.append(document)
    }
    var outcome = SpecComparer(options: options).review(old: documents[0], new: documents[1])
    outcome.specWarnings = specWarnings + outcome.specWarnings
    if parsed.flags.contains("--swift-api") {
        let clientName = parsed.options["--client-name"] ?? "Client"
        guard Naming.type(clientName, reserved: []) == clientName else {
            fail("--client-name must be a Swift type name, such as \(Naming.type(clientName, reserved: []))")
        }
        outcome.swiftAPI = SwiftAPIComparer(options: Generator.Options(clientName: clientName)).review(
            old: documents[0], new: documents[1], changes: outcome.changes,
            oldHasErrors: specs[0].diagnostics.hasErrors, newHasErrors: specs[1].diagnostics.hasErrors)
    }
    let (reviewed, unused) = policy.apply(to: outcome)
    printDiagnostics(unused)
    printOutput(DiffReport.render(reviewed, format: format), terminator: "")
    exit(reviewed.fails(at: threshold) ? 1 : 0)
}

/// The config `--config` names, or the `.specdiff.yml` of this folder or the
/// nearest one above it, up to the repository's root; nil for none. A config
/// with errors ends the run.
private func loadDiffConfig(explicit: String?, skip: Bool) -> DiffConfig? {
    guard !skip, let file = explicit ?? findUpwards(DiffConfig.fileName) else { return nil }
    let (config, diagnostics) = DiffConfig.read(readText(file), path: file)
    printDiagnostics(diagnostics)
    guard let config else { fail("\(file) has errors; nothing was compared") }
    return config
}

/// `name` in the working folder or the nearest folder above it that has it,
/// looking no further than a folder with `.git` (the repository's root).
private func findUpwards(_ name: String) -> String? {
    var folder = ""
    for _ in 0..<64 {
        let candidate = folder + name
        if fileExists(candidate) { return candidate }
        if fileExists(folder + ".git") { return nil }
        var parent = [CChar](repeating: 0, count: 4096)
        guard realpath(folder.isEmpty ? "." : folder, &parent) != nil else { return nil }
        let resolved = String(decoding: parent.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if resolved == "/" { return nil }
        folder += "../"
    }
    return nil
}

/// `file` as seen from the folder of `base` (a config's path), unless it is absolute.
private func path(_ file: String, relativeTo base: String) -> String {
    guard !file.hasPrefix("/"), let slash = base.lastIndex(of: "/") else { return file }
    return String(base[...slash]) + file
}

/// The text of `file`; a file that cannot be read ends the run.
private func readText(_ file: String) -> String {
    do {
        return String(decoding: try FileSystemSource().read(file), as: UTF8.self)
    } catch {
        fail("cannot read \(file): \(error)")
    }
}
