/// A Markdown table whose columns line up in a terminal too, so that the
/// output can be pasted into BENCHMARKS.md as it is.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    var rendered: String {
        let columns = headers.count
        let padded = rows.map { row in (0..<columns).map { $0 < row.count ? Self.escape(row[$0]) : "" } }
        let widths = (0..<columns).map { column in
            ([headers[column]] + padded.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { $1.padding(toLength: widths[$0]) }.joined(separator: " | ") + " |"
        }
        let rule = "| " + widths.map { String(repeating: "-", count: max(3, $0)) }.joined(separator: " | ") + " |"
        return ([line(headers), rule] + padded.map(line)).joined(separator: "\n")
    }

    /// A `|` in a cell (an error message, say) would start a new column.
    private static func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

private extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}

/// One line of the final table: a measurement, both sides, their ratio,
/// the target and whether it was met.
struct SummaryRow: Sendable {
    enum Verdict: String, Sendable {
        case met = "yes"
        case notMet = "NO"
        case unknown = "n/a"
    }

    var measurement: String
    var ours: String
    var theirs: String
    var ratio: String
    var target: String
    var verdict: Verdict

    /// A speed comparison: the ratio is theirs ÷ ours (how many times faster
    /// ours is), met when at least `minimumSpeedup`.
    static func speed(_ measurement: String, ours: Outcome, theirs: Outcome, minimumSpeedup: Double) -> SummaryRow {
        var ratio = "n/a"
        var verdict = Verdict.unknown
        if let ours = ours.median, let theirs = theirs.median, ours > 0 {
            let speedup = theirs / ours
            ratio = Format.ratio(speedup)
            verdict = speedup >= minimumSpeedup ? .met : .notMet
        }
        var theirsCell = theirs.short
        if case .failed(let message) = theirs { theirsCell = "failed: \(message)" }
        return SummaryRow(measurement: measurement, ours: ours.short, theirs: theirsCell, ratio: ratio,
                          target: "≥ \(Format.ratio(minimumSpeedup)) faster", verdict: verdict)
    }
}

extension Table {
    init(summary rows: [SummaryRow]) {
        self.init("measurement", "ours", "theirs", "ratio (theirs ÷ ours)", "target", "met?")
        for row in rows {
            add(row.measurement, row.ours, row.theirs, row.ratio, row.target, row.verdict.rawValue)
        }
    }
}
