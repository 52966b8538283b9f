// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The benchmark tools, apart from obslab's tests (as Hummingbird and SwiftNIO keep theirs): the bare Hummingbird server
/// that answers the same bytes from memory (the peer that shows the HTTP stack's limit), and the tool that presigns the
/// load generator's URLs with obslab's own signer and measures swift-crypto's AES-GCM on one core. Scripts/bench.sh
/// builds it in release and runs everything.

/// A path dependency is known by its folder's name: this checkout's, whatever it is called.
let obslab = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "obslab-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "BareServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "BenchTool",
            dependencies: [
                .product(name: "S3Protocol", package: obslab),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
