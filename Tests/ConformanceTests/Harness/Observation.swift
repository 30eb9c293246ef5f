import Testing

/// What the runner printed for one scenario: `outcome` (`ok`, `error`, or
/// `hung` when it passed its time limit), `value` (the decoded result,
/// encoded again as JSON), `error` (`kind`, `status`, `documentedBody`,
/// `reason`, `message`, `sentence`), and with the mock `wire` (the mock's
/// `/__last`: the request as it arrived), `requests` (`/__requests`) and
/// `streams` (`/__streams`); plus what the scenario chose to add.
struct Observation: Sendable, CustomStringConvertible {
    var name: String
    var json: JSON

    subscript(_ path: JSON.Step...) -> JSON? {
        json.value(at: path)
    }

    var outcome: String? { json["outcome"]?.string }

    /// The last request the mock accepted during the scenario; nil with
    /// another server (which records nothing) or when it accepted none.
    var wire: JSON? {
        guard let wire = json["wire"], wire != .null else { return nil }
        return wire
    }

    var description: String {
        let text = json.description
        return "\(name): " + (text.count > 3000 ? String(text.prefix(3000)) + "…" : text)
    }

    /// Thrown after the issue that says why, to stop the test.
    struct CallFailed: Error, CustomStringConvertible {
        var description: String { "the call did not succeed (the issue above says how)" }
    }

    /// Records an issue with what happened unless the call succeeded, and
    /// throws then, so that the test stops at the first thing that is wrong.
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard outcome != "ok" else { return }
        let received = json["requests"].map { "\nthe mock received: \($0)" } ?? ""
        Issue.record(
            "the call did not succeed: \(json["outcome"] ?? .null) \(json["error"] ?? .null)\(received)",
            sourceLocation: sourceLocation)
        throw CallFailed()
    }
}
