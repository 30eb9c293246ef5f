// swift-tools-version: 6.0
import PackageDescription

// swift-openapi-generator, pinned, for the benchmark in the package above:
// its command line tool and `theirs-inproc`, which times its generator core
// in-process. `compare` builds both in release mode, one `--product` at a
// time: listing the CLI as a dependency of `theirs-inproc` instead would build
// every module twice (once as a host tool), for nothing.
let package = Package(
    name: "TheirGenerator",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
    ],
    targets: [
        .executableTarget(
            name: "theirs-inproc",
            dependencies: [
                .product(name: "_OpenAPIGeneratorCore", package: "swift-openapi-generator"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
