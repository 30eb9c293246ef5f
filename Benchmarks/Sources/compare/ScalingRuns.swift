import Foundation

/// Measurement 3: the synthetic specs of growing size.
struct ScalingResult: Sendable {
    struct Point: Sendable {
        var operations: Int
        var comparison: GenerationComparison
    }

    var points: [Point]

    /// The growth exponent between the two largest sizes: 1 is linear, 2
    /// quadratic. Time grows as operations^exponent, so
    /// exponent = log(t₂ / t₁) / log(n₂ / n₁). The smaller sizes are left
    /// out: there, fixed costs (process start, the runtime files) still
    /// weigh, and they would make the growth look better than it is.
    func exponent(_ time: (GenerationComparison) -> Double?) -> Double? {
        let measured = points.compactMap { point in time(point.comparison).map { (Double(point.operations), $0) } }
        guard measured.count >= 2 else { return nil }
        let (n1, t1) = measured[measured.count - 2]
        let (n2, t2) = measured[measured.count - 1]
        guard n2 > n1, t1 > 0, t2 > 0 else { return nil }
        return log(t2 / t1) / log(n2 / n1)
    }

    var detailTable: Table {
        var table = Table("operations", "ours, whole process", "per operation", "ours, in-process", "per operation",
                          "theirs, whole process", "per operation", "theirs ÷ ours")
        for point in points {
            let comparison = point.comparison
            func perOperation(_ seconds: Double?) -> String {
                seconds.map { Format.seconds($0 / Double(point.operations)) } ?? "–"
            }
            table.add(Format.integer(point.operations),
                      comparison.ours.outcome.summary, perOperation(comparison.ours.median),
                      comparison.oursInProcess.summary, perOperation(comparison.oursInProcess.median),
                      comparison.theirs.outcome.summary, perOperation(comparison.theirs.median),
                      comparison.speedup.map(Format.ratio) ?? "n/a")
        }
        return table
    }
}

struct ScalingRuns: Sendable {
    var generators: GeneratorRuns
    var sizes: [Int]
    var theirsMaxOperations: Int
    var workDirectory: String
    var log: Log

    func run() -> ScalingResult {
        var points: [ScalingResult.Point] = []
        // A run of theirs over 10 s is not repeated here: on the largest
        // spec one run takes minutes, and the point is the trend.
        var theirPolicy = generators.policy
        theirPolicy.slowRepetitions = 1
        for size in sizes {
            let spec: String
            do {
                spec = try SyntheticSpec.write(operations: size, into: workDirectory)
            } catch {
                log.note("synthetic spec of \(size) operations: \(error)")
                continue
            }
            let comparison = generators.compare(
                label: "synthetic, \(Format.integer(size)) operations", spec: spec,
                includeTheirs: size <= theirsMaxOperations, theirsInProcess: false, theirPolicy: theirPolicy)
            points.append(.init(operations: size, comparison: comparison))
            try? FileManager.default.removeItem(atPath: spec)
        }
        return ScalingResult(points: points)
    }
}
