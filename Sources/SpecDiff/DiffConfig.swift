import SpecParser

/// A repository's settings for `diff`, in `.specdiff.yml`, which the tool
/// finds by itself (in the folder it runs in, or the nearest one above it,
/// up to the repository's root):
///
/// ```yaml
/// # Severity per rule: breaking, warning, info, or off (not reported).
/// severity:
///   response-status-removed: breaking
///   description-changed: off
/// # Changes already accepted (the format of --ignore), relative to this file.
/// ignore: spec/accepted-changes.txt
/// # A deprecation needs an x-sunset this many days away (--deprecation-days).
/// deprecation-days: 90
/// # The exit status is 1 from this severity on (--fail-on).
/// fail-on: warning
/// ```
///
/// Options on the command line win over the file. An unknown key, rule or
/// value is a located error, never skipped in silence.
public struct DiffConfig: Sendable {
    /// The name the tool looks for.
    public static let fileName = ".specdiff.yml"

    /// The path it was read from.
    public var path: String
    /// `severity`: the level of each rule listed.
    public var levels: [String: DiffPolicy.Level] = [:]
    /// `ignore`: an ignore file's path, relative to the config's folder.
    public var ignoreFile: String?
    /// `deprecation-days`.
    public var deprecationDays: Int?
    /// `fail-on`.
    public var failOn: SpecChange.Severity?

    /// An empty config read from `path`.
    public init(path: String) {
        self.path = path
    }

    /// The config in `text`, read from `path`; nil with errors when it has any.
    public static func read(_ text: String, path: String) -> (config: DiffConfig?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        // A file of comments alone (or nothing) asks for nothing.
        if text.split(whereSeparator: \.isNewline).allSatisfy({ line in
            let content = line.drop { $0 == " " || $0 == "\t" }
            return content.isEmpty || content.hasPrefix("#")
        }) {
            return (DiffConfig(path: path), diagnostics)
        }
        let root: YAMLNode
        do {
            root = try YAMLReader.read(text, file: path).root
        } catch {
            diagnostics.append(error.diagnostic)
            return (nil, diagnostics)
        }
        var config = DiffConfig(path: path)
        if root.scalar?.coreValue == .null { return (config, diagnostics) }
        guard let pairs = root.mapping else {
            diagnostics.error("\(fileName) must be a mapping, but it is \(root.kindName)", at: root.location)
            return (nil, diagnostics)
        }
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            let value = pair.value
            switch key {
            case "severity":
                guard let levels = value.mapping else {
                    diagnostics.error(
                        "'severity' must map rule ids to breaking, warning, info or off", at: value.location)
                    continue
                }
                for entry in levels {
                    guard let rule = entry.key.scalar?.text, DiffRule.named(rule) != nil else {
                        diagnostics.error(
                            "'\(entry.key.scalar?.text ?? entry.key.kindName)' is not a rule id; diff --list-rules "
                                + "lists them",
                            at: entry.key.location)
                        continue
                    }
                    guard let text = entry.value.scalar?.text, let level = DiffPolicy.Level(text) else {
                        diagnostics.error(
                            "the level of '\(rule)' must be breaking, warning, info or off", at: entry.value.location)
                        continue
                    }
                    config.levels[rule] = level
                }
            case "ignore":
                guard let text = value.scalar?.text, !text.isEmpty else {
                    diagnostics.error("'ignore' must be the path of an ignore file", at: value.location)
                    continue
                }
                config.ignoreFile = text
            case "deprecation-days":
                guard let scalar = value.scalar, case .integer(let days) = scalar.coreValue, days >= 0 else {
                    diagnostics.error(
                        "'deprecation-days' must be a whole number of days, 0 or more", at: value.location)
                    continue
                }
                config.deprecationDays = days
            case "fail-on":
                guard let text = value.scalar?.text, let severity = SpecChange.Severity(rawValue: text) else {
                    diagnostics.error("'fail-on' must be breaking, warning or info", at: value.location)
                    continue
                }
                config.failOn = severity
            default:
                diagnostics.error(
                    "unknown key '\(key)'; \(fileName) has 'severity', 'ignore', 'deprecation-days' and 'fail-on'",
                    at: pair.key.location)
            }
        }
        return (diagnostics.hasErrors ? nil : config, diagnostics)
    }
}
