@testable import CodeGen
import Foundation
import Testing

/// The runtime the generator copies into each module is the ClientRuntime
/// target's source as it is now (Sources/CodeGen/Runtime/EmbeddedRuntime.swift,
/// written by scripts/embed-runtime).
struct RuntimeEmbeddingTests {
    static let root = Paths.packageRoot + "/Sources/ClientRuntime"

    /// FNV-1a, 64 bits, as RuntimeEmbedder computes it.
    static func digest(_ bytes: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    @Test func theEmbeddedCopyIsTheRuntimeAsItIsNow() throws {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: Self.root).filter { $0.hasSuffix(".swift") }
        var onDisk: [String: UInt64] = [:]
        for path in paths {
            onDisk[path] = Self.digest(try Data(contentsOf: URL(fileURLWithPath: Self.root + "/" + path)))
        }
        let stale = Set(onDisk.keys).union(RuntimeSources.sourceDigests.keys)
            .filter { onDisk[$0] != RuntimeSources.sourceDigests[$0] }.sorted()
        #expect(stale.isEmpty, """
            Sources/CodeGen/Runtime/EmbeddedRuntime.swift is older than Sources/ClientRuntime (\(stale.joined(separator: ", "))).
            Run scripts/embed-runtime, then regenerate the clients (swift package --allow-writing-to-package-directory generate-client).
            """)
    }

    /// Every part has its folder and its condition, and the ClientRuntime
    /// target compiles every part's lines (Package.swift defines each condition).
    @Test func everyPartHasItsFolderAndItsCondition() throws {
        let manifest = try String(contentsOfFile: Paths.packageRoot + "/Package.swift", encoding: .utf8)
        for part in RuntimePart.allCases {
            #expect(RuntimeSources.embedded.contains { $0.part == part }, "no file of \(part)")
            #expect(manifest.contains(".define(\"\(part.conditionName)\")"), "\(part.conditionName)")
        }
        #expect(RuntimePart.styledValues.conditionName == "RUNTIME_STYLED_VALUES")
    }

    /// A module carries a part's files and lines only when it needs the part.
    @Test func aModuleCarriesOnlyThePartsItNeeds() {
        let bare = RuntimeSources.files(carrying: [], clientName: "Shop", errorName: "ShopError", access: .public)
        let jobs = RuntimeSources.files(carrying: [.jobs], clientName: "Shop", errorName: "ShopError", access: .public)
        #expect(!bare.contains { $0.name == "Jobs" })
        #expect(jobs.contains { $0.name == "Jobs" })
        let bareErrors = bare.first { $0.name == "Errors" }?.body ?? ""
        let jobErrors = jobs.first { $0.name == "Errors" }?.body ?? ""
        #expect(!bareErrors.contains("jobFailed"))
        #expect(jobErrors.contains("    case jobFailed(JobFailure)\n"))
        // The stand-ins take the client's names, and no directive is left.
        #expect(jobErrors.contains("nonisolated public enum ShopError: Error"))
        for file in jobs {
            #expect(!file.body.contains("APIClient"), "\(file.name)")
            #expect(!file.body.contains("#if RUNTIME_"), "\(file.name)")
        }
    }
}
