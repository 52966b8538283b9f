// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for obslab's parsers of untrusted input. Built apart from the main package, with sanitizers:
///
///     Scripts/fuzz.sh TARGET SECONDS      (or `all`)
///
/// which runs `swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address` and links with lld (each target's main hands
/// its input handler to libFuzzer's `LLVMFuzzerRunDriver`). Only the pure modules
/// (`S3Protocol`, `S3RequestXML`, `LabelFormats`) and their few dependencies are built, not the servers.
let targets: [(name: String, dependencies: [Target.Dependency])] = [
    ("request-xml", [.product(name: "S3RequestXML", package: "obslab"), .product(name: "S3Documents", package: "obslab")]),
    ("aws-chunked", [.product(name: "S3Protocol", package: "obslab"), .product(name: "NIOCore", package: "swift-nio")]),
    ("authorization-header", [.product(name: "S3Protocol", package: "obslab")]),
    ("presigned-query", [.product(name: "S3Protocol", package: "obslab")]),
    ("pascal-voc", [.product(name: "LabelFormats", package: "obslab")]),
    ("image-classification", [.product(name: "LabelFormats", package: "obslab")]),
    ("text-classification", [.product(name: "LabelFormats", package: "obslab")]),
    ("manifest", [.product(name: "LabelFormats", package: "obslab")]),
    ("sidecar-pairing", [.product(name: "LabelFormats", package: "obslab")]),
]

let package = Package(
    name: "obslab-fuzz",
    platforms: [.macOS(.v15)],
    products: targets.map { .executable(name: "fuzz-\($0.name)", targets: ["fuzz-\($0.name)"]) },
    dependencies: [
        .package(name: "obslab", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // libFuzzer's driver, called from each target's main (SwiftPM gives executables their own).
        .target(name: "CFuzzer"),
        // The driver's Swift side, and the bridge from the synchronous callback to the async authenticator.
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "S3Protocol", package: "obslab")]),
    ]
        + targets.map { target in
            .executableTarget(name: "fuzz-\(target.name)", dependencies: ["FuzzSupport"] + target.dependencies, path: "Sources/\(target.name)")
        }
)
