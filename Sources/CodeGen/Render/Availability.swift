/// The oldest Apple systems a generated module runs on, written on each of
/// its top-level declarations so that it compiles in a target of any
/// package, whatever deployment target that package declares (SwiftPM's
/// defaults, macOS 10.13 and iOS 12, are older than what the code needs).
///
/// Each version is the first that has every API the runtime and the
/// generated code call:
/// - `Duration`, `Task.sleep(for:)` and `Duration.components`: macOS 13,
///   iOS 16, tvOS 16, watchOS 9 (the retry delays, timeouts and polling).
/// - `URLSession.data(for:)` as an `async` method: macOS 12, iOS 15,
///   tvOS 15, watchOS 8, so covered by the line above.
/// - Swift concurrency (`async`, actors, `Task`): back-deployed to macOS
///   10.15 and iOS 13; typed throws with a concrete error type needs no
///   runtime support.
/// - Foundation's `JSONEncoder`, `URLComponents`, `DateFormatter`,
///   `FileManager`, `CharacterSet`: long available.
/// visionOS has had all of them from its first release. On Linux and
/// Windows the attribute has no effect. `Package.swift` declares the same
/// versions as the package's `platforms`.
public enum Availability {
    public static let attribute = "@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)"

    /// The placeholder the runtime's sources write where the attribute goes.
    static let placeholder = "__AVAILABILITY__"
}
