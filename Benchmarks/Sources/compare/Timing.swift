import Foundation

/// Repeated measurements of one thing, in seconds.
struct Samples: Sendable {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) {
        self.values = values
    }

    mutating func append(_ seconds: Double) {
        values.append(seconds)
    }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The middle value; the mean of the two middle ones for an even count.
    var median: Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }

    /// "41.2 ms (39.8–44.0, n=5)": the median, then the range and the count.
    var summary: String {
        guard !isEmpty else { return "no samples" }
        return "\(Format.seconds(median)) (\(Format.seconds(min))–\(Format.seconds(max)), n=\(count))"
    }
}

/// The outcome of one side of a comparison: timings, or why there are none.
enum Outcome: Sendable {
    case measured(Samples)
    /// The tool ran and failed; the message is the first line of its error.
    case failed(String)
    /// Not run, and why (an option, a missing file, a size limit).
    case skipped(String)

    var samples: Samples? {
        if case .measured(let samples) = self { return samples }
        return nil
    }

    var median: Double? { samples?.median }

    /// The summary, or the failure or the reason for skipping.
    var summary: String {
        switch self {
        case .measured(let samples): samples.summary
        case .failed(let message): "FAILED: \(message)"
        case .skipped(let reason): "skipped (\(reason))"
        }
    }

    /// The median alone, for the final table.
    var short: String {
        switch self {
        case .measured(let samples): Format.seconds(samples.median)
        case .failed: "failed"
        case .skipped: "skipped"
        }
    }
}

/// Monotonic stopwatch.
enum Stopwatch {
    /// Runs `body` and returns its result with the elapsed seconds.
    static func time<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, (clock.now - start).seconds)
    }

    static func time<T>(_ body: () async throws -> T) async rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await body()
        return (result, (clock.now - start).seconds)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// How many times to run something that takes `firstRunSeconds`.
///
/// Long runs are not worth many repetitions: their spread is small next to
/// their length, and repeating a 25-second run five times would make the
/// benchmark far slower for no better figure. Runs over `slowRunSeconds`
/// are repeated `slowRepetitions` times (the first run counts as one).
/// Short runs are the opposite: a run of a few milliseconds moves by a
/// quarter from one run to the next on this machine, and five of them make
/// a median that moves as much. Runs under `quickRunSeconds` are repeated
/// at least `quickRepetitions` times, for both generators alike.
struct RepetitionPolicy: Sendable {
    var repetitions: Int
    var slowRunSeconds: Double = 10
    var slowRepetitions: Int = 3
    var quickRunSeconds: Double = 1
    var quickRepetitions: Int = 21

    func repetitions(afterFirstRunOf firstRunSeconds: Double) -> Int {
        if firstRunSeconds > slowRunSeconds { return Swift.min(repetitions, slowRepetitions) }
        if firstRunSeconds < quickRunSeconds { return Swift.max(repetitions, quickRepetitions) }
        return repetitions
    }

    /// Runs `body` (which returns the seconds of one run, or throws) as often
    /// as the policy says. The first run is a warm-up (file cache, page
    /// faults in the binary) and is discarded, unless it was slow: then it
    /// is the first sample.
    func run(_ body: () throws -> Double) -> Outcome {
        var side = Side(policy: self)
        while !side.isDone { side.step(body) }
        return side.outcome
    }

    /// Two measurements taken in turn, one run of each at a time, so that a
    /// slow spell of the machine (runs here move by a tenth from one minute
    /// to the next) falls on both alike. Each keeps its own warm-up and its
    /// own number of runs, as ``run(_:)`` gives it; when one is done or
    /// fails, the other goes on alone.
    static func alternate(
        _ first: (policy: RepetitionPolicy, body: () throws -> Double),
        _ second: (policy: RepetitionPolicy, body: () throws -> Double)
    ) -> (Outcome, Outcome) {
        var one = Side(policy: first.policy)
        var two = Side(policy: second.policy)
        while !(one.isDone && two.isDone) {
            if !one.isDone { one.step(first.body) }
            if !two.isDone { two.step(second.body) }
        }
        return (one.outcome, two.outcome)
    }

    /// The runs of one measurement so far.
    private struct Side {
        let policy: RepetitionPolicy
        var samples = Samples()
        /// How many samples to take; known after the first run.
        var total: Int?
        var failure: String?

        var isDone: Bool { failure != nil || total.map { samples.count >= $0 } == true }

        var outcome: Outcome { failure.map { .failed($0) } ?? .measured(samples) }

        mutating func step(_ body: () throws -> Double) {
            do {
                let seconds = try body()
                if total == nil {
                    total = policy.repetitions(afterFirstRunOf: seconds)
                    if seconds > policy.slowRunSeconds { samples.append(seconds) }
                } else {
                    samples.append(seconds)
                }
            } catch {
                failure = Format.firstLine(of: String(describing: error))
            }
        }
    }
}

enum Format {
    /// Seconds with a unit that keeps three or four significant digits.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        switch value {
        case ..<1e-3: return String(format: "%.1f µs", value * 1e6)
        case ..<1: return String(format: "%.1f ms", value * 1e3)
        case ..<100: return String(format: "%.2f s", value)
        default: return String(format: "%.0f s", value)
        }
    }

    /// A ratio such as "31.4×".
    static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return value >= 10 ? String(format: "%.0f×", value) : String(format: "%.2f×", value)
    }

    static func bytes(_ value: Double) -> String {
        switch value {
        case ..<1024: return String(format: "%.0f B", value)
        case ..<(1024 * 1024): return String(format: "%.1f KiB", value / 1024)
        case ..<(1024 * 1024 * 1024): return String(format: "%.1f MiB", value / 1024 / 1024)
        default: return String(format: "%.2f GiB", value / 1024 / 1024 / 1024)
        }
    }

    /// The first line that says what went wrong: one mentioning an error if
    /// any, else the first non-empty one.
    static func firstLine(of text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let line = lines.first { $0.localizedCaseInsensitiveContains("error") } ?? lines.first ?? "(no output)"
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    /// A large count with an SI prefix: "1.408 G", "71.1 M".
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if value >= 1e9 { return String(format: "%.3f G", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f M", value / 1e6) }
        return integer(Int(value))
    }

    static func integer(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index.isMultiple(of: 3) { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}
