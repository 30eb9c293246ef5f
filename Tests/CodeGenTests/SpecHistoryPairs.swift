import Foundation

/// The real spec histories of `../shared/spec-history` (consecutive
/// published versions of public specs, each pair a commit), as
/// `SpecDiffTests/SpecHistory` finds them. The folder is not part of the
/// project: tests over it are enabled only when it is there.
enum SpecHistoryPairs {
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

    /// Every pair the folder holds, in order; none when it is not there.
    static func all() -> [Pair] {
        let files = FileManager.default
        guard let providers = try? files.contentsOfDirectory(atPath: root) else { return [] }
        var pairs: [Pair] = []
        for provider in providers.sorted() {
            guard let folders = try? files.contentsOfDirectory(atPath: root + "/" + provider) else { continue }
            for folder in folders.sorted() {
                let path = "\(root)/\(provider)/\(folder)"
                guard let names = try? files.contentsOfDirectory(atPath: path),
                    let old = names.first(where: { $0.hasPrefix("old.") }),
                    let new = names.first(where: { $0.hasPrefix("new.") })
                else { continue }
                pairs.append(Pair(name: "\(provider)/\(folder)", old: path + "/" + old, new: path + "/" + new))
            }
        }
        return pairs
    }
}
