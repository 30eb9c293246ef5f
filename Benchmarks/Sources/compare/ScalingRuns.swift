import Foundation

/// Measurement 3: the synthetic specs of growing size.
struct ScalingResult: Sendable {
    struct Point: Sendable {
        var operations: Int
        var comparison: GenerationComparison
    }

    var points: [Point]
    /// The growth exponents between the two largest sizes, one value per
    /// pair of runs (see ``ScalingRuns/pairedExponents(_:small:large:run:)``):
    /// our tool as a process, and in-process. Nil when fewer than two sizes
    /// were measured or a run failed.
    var pairedWholeProcessExponents: Samples?
    var pairedInProcessExponents: Samples?
    /// Instructions of one whole-process run on each of the two largest
    /// specs (callgrind), or why they were not counted.
    var instructions: Result<(small: Double, large: Double), BenchmarkError>?

    /// The growth exponent of the instruction count.
    var instructionExponent: Double? {
        guard case .success(let counts) = instructions, let (n1, n2) = largestSizes, counts.small > 0 else { return nil }
        return log(counts.large / counts.small) / log(Double(n2) / Double(n1))
    }

    /// The two largest sizes measured, smaller first.
    var largestSizes: (Int, Int)? {
        guard points.count >= 2 else { return nil }
        return (points[points.count - 2].operations, points[points.count - 1].operations)
    }

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

    /// Pairs of runs for each time exponent (whole process, in-process).
    var pairs = 7

    func run() -> ScalingResult {
        var points: [ScalingResult.Point] = []
        var specs: [(operations: Int, path: String)] = []
        defer {
            for spec in specs { try? FileManager.default.removeItem(atPath: spec.path) }
        }
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
            specs.append((size, spec))
        }
        var result = ScalingResult(points: points)
        if specs.count >= 2 {
            let (small, large) = (specs[specs.count - 2], specs[specs.count - 1])
            result.pairedWholeProcessExponents = pairedExponents("whole process", small: small, large: large,
                                                                 run: generators.oursProcessRunOnce)
            result.pairedInProcessExponents = pairedExponents("in-process", small: small, large: large,
                                                              run: generators.oursInProcessOnce)
            log.note("synthetic, \(Format.integer(small.operations)) and \(Format.integer(large.operations)) operations: "
                     + "instructions of ideogram-codegen under valgrind (a minute or two)")
            do {
                result.instructions = .success((try generators.oursInstructions(spec: small.path),
                                                try generators.oursInstructions(spec: large.path)))
            } catch {
                result.instructions = .failure(error)
            }
        }
        return result
    }

    /// A growth exponent measured in pairs: a run of our tool on the smaller
    /// spec, then one on the larger, `pairs` times over, each pair giving
    /// log(t₂ / t₁) / log(n₂ / n₁). The two runs of a pair are seconds
    /// apart, so a slow spell of the machine (runs here move by a tenth from
    /// one minute to the next) falls on both, where the per-size medians are
    /// minutes apart and take it into the exponent. One pair before the
    /// others warms up and is not counted. Nil when a run fails.
    func pairedExponents(_ label: String, small: (operations: Int, path: String), large: (operations: Int, path: String),
                         run: (String) throws(BenchmarkError) -> Double) -> Samples? {
        log.note("synthetic, \(Format.integer(small.operations)) and \(Format.integer(large.operations)) operations: "
                 + "ideogram-codegen \(label), in \(pairs) pairs")
        let scale = Foundation.log(Double(large.operations) / Double(small.operations))
        var exponents = Samples()
        do {
            for pair in 0...pairs {
                let smallSeconds = try run(small.path)
                let largeSeconds = try run(large.path)
                if pair > 0 { exponents.append(Foundation.log(largeSeconds / smallSeconds) / scale) }
            }
        } catch {
            log.note("\(label) pairs: \(error)")
            return nil
        }
        return exponents
    }
}
