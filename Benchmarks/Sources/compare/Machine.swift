import Foundation

/// What the figures were measured on, for the report.
struct Machine: Sendable {
    var processor: String
    var cores: Int
    var memory: String
    var system: String
    var swift: String

    static func describe(runner: Subprocess) -> Machine {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuInfo.split(separator: "\n")
            .first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let prettyName = osRelease.split(separator: "\n")
            .first { $0.hasPrefix("PRETTY_NAME=") }
            .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        let info = ProcessInfo.processInfo
        var names = utsname()
        uname(&names)
        let kernel = withUnsafeBytes(of: names.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            + " " + withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return Machine(
            processor: model ?? "unknown processor",
            cores: info.activeProcessorCount,
            memory: Format.bytes(Double(info.physicalMemory)),
            system: (prettyName.map { $0 + ", " } ?? "") + kernel,
            swift: Tools.swiftVersion(runner: runner))
    }

    var description: String {
        """
        Machine: \(processor), \(cores) cores, \(memory) memory
        System:  \(system)
        Swift:   \(swift)
        """
    }
}
