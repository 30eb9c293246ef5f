import Foundation
import SpecParser

/// Reads `REV:path` names through `git show`, so that OLD in
/// `ideogram-codegen diff HEAD~1:spec/ideogram-openapi.yml spec/ideogram-openapi.yml`
/// is the spec as it was committed. Other names are read from disk.
struct GitSource: SpecSource {
    /// Splits `REV:path` when REV names a commit; nil for an ordinary path.
    static func revision(in name: String) -> (revision: String, path: String)? {
        guard !FileManager.default.fileExists(atPath: name), let colon = name.firstIndex(of: ":") else { return nil }
        let revision = String(name[..<colon])
        let path = String(name[name.index(after: colon)...])
        guard !revision.isEmpty, !path.isEmpty, !revision.contains("/") else { return nil }
        return (revision, path)
    }

    func read(_ name: String) throws -> [UInt8] {
        guard let (revision, path) = Self.revision(in: name) else {
            return try FileSystemSource().read(name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "show", "\(revision):\(path)"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw SourceError(message: "cannot run git to read '\(name)': \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SourceError(message: "cannot read '\(name)' from git: \(reason)")
        }
        return [UInt8](data)
    }
}
