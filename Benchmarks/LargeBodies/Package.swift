// swift-tools-version: 6.2
import PackageDescription

// The large-body memory benchmark of issue 24: a 1 GiB download to disk and
// a 1 GiB multipart upload from disk through the runtime's URLSessionTransport,
// against a local Python server (serve.py), each measured by the peak
// resident memory it adds (VmHWM of /proc/self/status). A package of its
// own, like the rest of Benchmarks/, so that the main package keeps no
// dependencies; nothing in CI builds or runs it. Run it with:
//
//     Benchmarks/LargeBodies/run
//
// The runtime is not a product of the main package (apps get it inside
// each generated client), so `Sources/ClientRuntime` here is a link to the
// main package's folder, compiled with the same conditions and settings.
let package = Package(
    name: "LargeBodies",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    targets: [
        .target(
            name: "ClientRuntime",
            swiftSettings: [
                .define("RUNTIME_JOBS"),
                .define("RUNTIME_STYLED_VALUES"),
                .define("RUNTIME_RESPONSE_HEADERS"),
                .define("RUNTIME_STREAMING_TRANSPORT"),
                .define("RUNTIME_EVENT_STREAMS"),
                .define("RUNTIME_LARGE_BODIES"),
                .define("RUNTIME_PAGINATION"),
                .define("RUNTIME_IDEMPOTENCY_KEYS"),
                .defaultIsolation(MainActor.self),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
                .enableUpcomingFeature("InferIsolatedConformances"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .strictMemorySafety(),
            ]
        ),
        .executableTarget(name: "large-bodies", dependencies: ["ClientRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
