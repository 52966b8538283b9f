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
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The labeling layer's storage adapters: obslab's own store (as the labeling service) and any S3 server.
        .target(
            name: "StorageAdapters",
            dependencies: [
                "Labeling",
                "ObjectStore",
                "KeyManagement",
                "S3Client",
                "S3Documents",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The XML documents of the S3 API as Codable values, shared by the server and the client.
        .target(name: "S3Documents", swiftSettings: swiftSettings),
        // A signed S3 client (SigV4, AsyncHTTPClient, XMLCoder): the CLI's and the S3 storage adapter's.
        .target(
            name: "S3Client",
            dependencies: [
                "S3Protocol",
                "S3Documents",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: swiftSettings
        ),
        // The JSON documents of the ModelArts-style API and of the admin API, and the shared defaults: servers and CLI.
        .target(name: "ObslabAPI", dependencies: ["LabelFormats"], swiftSettings: swiftSettings),
        // The ModelArts-style REST API on its own port.
        .target(
            name: "LabelingServer",
            dependencies: [
                "Labeling",
                "LabelFormats",
                "ObslabAPI",
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
                "S3Documents",
                "ObslabAPI",
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
        // `obslab serve`: the composition root that wires the store, both servers and the labeling storage adapter.
        .target(
            name: "ObslabServe",
            dependencies: [
                "S3Server",
                "Labeling",
                "LabelingServer",
                "StorageAdapters",
                "ObjectStore",
                "ObslabAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: `serve`, and clients of a running server over HTTP (no server module of its own).
        .executableTarget(
            name: "obslab",
            dependencies: [
                "ObslabServe",
                "ObslabAPI",
                "S3Client",
                "S3Documents",
                "LabelFormats",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The in-memory ObjectStorage the labeling layer's tests run on (LabelingTests, LabelingServerTests).
        .target(name: "LabelingTestSupport", dependencies: ["Labeling"], path: "Tests/LabelingTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore"], swiftSettings: swiftSettings),
        .testTarget(name: "KeyManagementTests", dependencies: ["KeyManagement"], swiftSettings: swiftSettings),
        .testTarget(name: "LabelFormatsTests", dependencies: ["LabelFormats"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LabelingTests",
            dependencies: [
                "Labeling", "LabelFormats", "LabelingTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LabelingServerTests",
            dependencies: [
                "LabelingServer", "Labeling", "LabelFormats", "ObslabAPI", "LabelingTestSupport",
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
        .testTarget(name: "S3ClientTests", dependencies: ["S3Client", "S3Documents", .product(name: "NIOHTTP1", package: "swift-nio")], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageAdaptersTests",
            dependencies: [
                "StorageAdapters", "Labeling", "ObjectStore", "KeyManagement",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AccessControlTests",
            dependencies: ["AccessControl", "ObjectStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
    ]
)
