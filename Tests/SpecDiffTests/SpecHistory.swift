import Foundation
import SpecDiff
import SpecParser

/// The real spec histories of `../shared/spec-history`: consecutive
/// published versions of public specs (resend, twilio, plaid, asana), each
/// pair a commit with the publisher's message. The folder is not part of
/// the project: tests that use it are enabled only when it is there, and
/// find the pairs by listing it.
enum SpecHistory {
    static let root = Paths.packageRoot + "/../shared/spec-history"

    static var isPresent: Bool { FileManager.default.fileExists(atPath: root + "/README.md") }

    /// One commit: the spec before and after it.
    struct Pair: CustomStringConvertible, Sendable {
        /// `resend/05-3a6e2e7`.
        var name: String
        var old: String
        var new: String
        var description: String { name }
    }

    /// Every pair the folder holds, in order.
    static func pairs() -> [Pair] {
        let files = FileManager.default
        guard let providers = try? files.contentsOfDirectory(atPath: root) else { return [] }
        var pairs: [Pair] = []
        for provider in providers.sorted() {
            guard let folders = try? files.contentsOfDirectory(atPath: root + "/" + provider) else { continue }
            for folder in folders.sorted() {
                let path = "\(root)/\(provider)/\(folder)"
                guard let names = try? files.contentsOfDirectory(atPath: path),
                      let old = names.first(where: { $0.hasPrefix("old.") }),
                      let new = names.first(where: { $0.hasPrefix("new.") }) else { continue }
                pairs.append(Pair(name: "\(provider)/\(folder)", old: path + "/" + old, new: path + "/" + new))
            }
        }
        return pairs
    }

    /// The pair of `provider`'s commit `commit` (the folder's 7 hex digits), if the folder holds it.
    static func pair(_ provider: String, _ commit: String) -> Pair? {
        pairs().first { $0.name.hasPrefix(provider + "/") && $0.name.hasSuffix("-" + commit) }
    }

    /// Whether the folder holds that pair: a test of one pair is skipped without it.
    static func has(_ provider: String, _ commit: String) -> Bool {
        isPresent && pair(provider, commit) != nil
    }

    /// A spec as the tool reads it: errors that do not stop reading are allowed.
    static func load(_ path: String) throws -> (document: OpenAPIDocument, errors: [Diagnostic]) {
        let result = SpecLoader().load(path: path)
        guard let document = result.document else {
            throw LoadError(message: result.diagnostics.errors.map(\.description).joined(separator: "\n"))
        }
        return (document, result.diagnostics.errors)
    }

    struct LoadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The review of one pair (no policy applied), judged on a fixed day.
    static func review(_ provider: String, _ commit: String, options: SpecComparer.Options = .init(today: CalendarDate("2026-12-01")))
        throws -> DiffOutcome {
        guard let pair = pair(provider, commit) else { throw LoadError(message: "no pair \(provider) \(commit)") }
        return SpecComparer(options: options).review(old: try load(pair.old).document, new: try load(pair.new).document)
    }
}

extension DiffOutcome {
    /// `rule severity direction message`, one per change, sorted: for a real pair, what it says and how hard.
    var verdicts: [String] {
        changes.map { "\($0.rule) \($0.severity.rawValue) \($0.direction.rawValue) \($0.message)" }.sorted()
    }
}
