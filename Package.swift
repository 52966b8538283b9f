// swift-tools-version:6.1
import PackageDescription

/// Applied to every target, as Hummingbird does, so the whole package follows one dialect of Swift.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "obslab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "obslab", targets: ["obslab"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Buckets, objects, versions and multipart uploads: a SQLite catalog plus blob files. No HTTP.
        .target(
            name: "ObjectStore",
            dependencies: [
                "KeyManagement",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The built-in KMS (keys, aliases, grants to principals) and the chunked AES-256-GCM object envelope. No I/O but its key files.
        .target(
            name: "KeyManagement",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Who may do what: ownership, ACLs, the bucket policy language, the labeling service's agency, and the Authorizer
        // that decides with reasons. Pure but for `AccessGate`, which reads what decisions need from the store.
        .target(
            name: "AccessControl",
            dependencies: [
                "ObjectStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pure S3 wire protocol pieces: signatures, aws-chunked bodies, flexible checksums. No I/O.
        .target(
            name: "S3Protocol",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
                // CRCs run over every uploaded byte: keep them optimised even in debug builds.
                + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Pure codecs of label sidecars and manifests (no I/O): fuzzable.
        .target(name: "LabelFormats", swiftSettings: swiftSettings),
        // Datasets, labeling jobs, samples, labels and sync; storage only through the ObjectStorage protocol.
        .target(
            name: "Labeling",
            dependencies: [
                "LabelFormats",
                "ObjectStore",
                "KeyManagement",
                "S3Protocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The ModelArts-style REST API on its own port.
        .target(
            name: "LabelingServer",
            dependencies: [
                "Labeling",
                "LabelFormats",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP front: routing, handlers, XML bodies and S3 errors.
        .target(
            name: "S3Server",
            dependencies: [
                "AccessControl",
                "ObjectStore",
                "KeyManagement",
                "S3Protocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "obslab",
            dependencies: [
                "AccessControl",
                "S3Server",
                "Labeling",
                "LabelingServer",
                "LabelFormats",
                "KeyManagement",
                "ObjectStore",
                "S3Protocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore"], swiftSettings: swiftSettings),
        .testTarget(name: "KeyManagementTests", dependencies: ["KeyManagement"], swiftSettings: swiftSettings),
        .testTarget(name: "LabelFormatsTests", dependencies: ["LabelFormats"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LabelingTests",
            dependencies: [
                "Labeling", "LabelFormats", "ObjectStore", "KeyManagement",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LabelingServerTests",
            dependencies: [
                "LabelingServer", "Labeling", "LabelFormats",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "S3ProtocolTests", dependencies: ["S3Protocol"], swiftSettings: swiftSettings),
        .testTarget(name: "S3ServerTests", dependencies: ["S3Server"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AccessControlTests",
            dependencies: ["AccessControl", "ObjectStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
    ]
)
