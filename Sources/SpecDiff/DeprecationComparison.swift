import SpecParser

/// What a description says of something's end: `deprecated`, and the
/// `x-sunset` date after which it may be removed.
struct Lifecycle {
    var deprecated: Bool
    /// The `x-sunset` date, when it is one.
    var sunset: CalendarDate?
}

/// Deprecation as a policy: a deprecation warns, removing what was
/// deprecated first is no surprise once its `x-sunset` has passed, and with
/// `--deprecation-days N` a deprecation must give N days of notice.
extension ComparisonRun {
    /// The lifecycle of something with `deprecated` and these `x-` keys; an
    /// `x-sunset` that is not a date is a warning, and counts as none.
    func lifecycle(deprecated: Bool, extensions: [String: YAMLNode]) -> Lifecycle {
        guard let node = extensions["x-sunset"] else { return Lifecycle(deprecated: deprecated, sunset: nil) }
        guard let text = node.scalar?.text, let date = CalendarDate(text) else {
            warnings.warning(
                "x-sunset must be a date (YYYY-MM-DD, RFC 3339); '\(node.scalar?.text ?? node.kindName)' is ignored",
                at: node.location)
            return Lifecycle(deprecated: deprecated, sunset: nil)
        }
        return Lifecycle(deprecated: deprecated, sunset: date)
    }

    /// The severity of removing something that would otherwise be
    /// `otherwise`, and why when its deprecation decided it.
    func removalGrade(_ lifecycle: Lifecycle, otherwise: SpecChange.Severity) -> (SpecChange.Severity, String?) {
        guard lifecycle.deprecated else { return (otherwise, nil) }
        if let sunset = lifecycle.sunset, today < sunset {
            return (.breaking, "removed before its x-sunset date \(sunset) (judged on \(today))")
        }
        return (.info, lifecycle.sunset.map { "deprecated first; its x-sunset \($0) has passed" } ?? "deprecated first")
    }

    /// Reports `subject` becoming deprecated (under `rule`), a deprecation
    /// that gives less notice than the policy asks, and a moved `x-sunset`.
    func compareLifecycle(
        _ old: Lifecycle, _ new: Lifecycle, rule: DiffRule, direction: SpecChange.Direction,
        operation: String?, pointer: String, old oldLocation: SourceLocation?,
        new newLocation: SourceLocation?, subject: String
    ) {
        if !old.deprecated && new.deprecated {
            report(
                rule, .info, direction, operation: operation, pointer: pointer + "/deprecated", old: oldLocation,
                new: newLocation,
                "\(subject) is now deprecated" + (new.sunset.map { ", with x-sunset \($0)" } ?? ""))
            if let days = options.deprecationDays, days > 0 {
                let earliest = today.adding(days: days)
                if let sunset = new.sunset, sunset < earliest {
                    report(
                        .deprecationPeriodTooShort, .breaking, direction, operation: operation,
                        pointer: pointer + "/x-sunset",
                        old: oldLocation, new: newLocation,
                        "\(subject) was deprecated with x-sunset \(sunset), sooner than the \(days) days the policy "
                            + "asks",
                        note: "judged on \(today): the earliest acceptable x-sunset is \(earliest)")
                } else if new.sunset == nil {
                    report(
                        .deprecationPeriodTooShort, .breaking, direction, operation: operation,
                        pointer: pointer + "/x-sunset",
                        old: oldLocation, new: newLocation,
                        "\(subject) was deprecated without an x-sunset date; the policy asks for \(days) days' notice")
                }
            }
        } else if old.deprecated && new.deprecated && old.sunset != new.sunset {
            let message: String
            var severity = SpecChange.Severity.info
            switch (old.sunset, new.sunset) {
            case (let before?, let after?):
                message = "the x-sunset of \(subject) moved from \(before) to \(after)"
                if after < before { severity = .breaking }
            case (nil, let after?):
                message = "\(subject) now has the x-sunset \(after)"
            case (let before?, nil):
                message = "\(subject) no longer has the x-sunset \(before)"
            case (nil, nil):
                return
            }
            report(
                .sunsetChanged, severity, direction, operation: operation, pointer: pointer + "/x-sunset",
                old: oldLocation, new: newLocation, message)
        }
    }
}
