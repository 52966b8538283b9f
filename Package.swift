// swift-tools-version:6.2
import PackageDescription

/// Applied to every target, tests included, as Hummingbird does, so the whole package follows one dialect of Swift; a
/// warning fails the build (dependencies keep their own settings).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "obslab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "obslab", targets: ["obslab"]),
        // The signer, for the load generator of the Benchmarks package (Benchmarks/Package.swift), and the pure parsers
        // of untrusted input, for the libFuzzer targets of the Fuzz package.
        .library(name: "S3Protocol", targets: ["S3Protocol"]),
        .library(name: "S3RequestXML", targets: ["S3RequestXML"]),
        .library(name: "S3Documents", targets: ["S3Documents"]),
        .library(name: "LabelFormats", targets: ["LabelFormats"]),
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
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
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
                // NIOThreadPool, for blocking file work (BlockingIO).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The built-in KMS (keys, aliases, grants to principals) and the chunked AES-256-GCM object envelope, and the
        // root key that seals key material at rest. No I/O but its key files.
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
        // The XML documents S3 requests carry, decoded under depth and size limits (no I/O): fuzzable.
        .target(
            name: "S3RequestXML",
            dependencies: ["S3Documents", "XMLStream", .product(name: "XMLCoder", package: "XMLCoder")],
            swiftSettings: swiftSettings
        ),
        // Pure codecs of label sidecars and manifests (no I/O): fuzzable.
        .target(name: "LabelFormats", dependencies: ["XMLStream"], swiftSettings: swiftSettings),
        // XML read front to back with libxml2's pull parser, refusing document types: every XML obslab parses goes through
        // it first (Foundation's XMLParser crashes on some malformed documents on Linux).
        .target(name: "XMLStream", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // PNG and JPEG decoding by the system's libraries (Debian's libpng-dev and libturbojpeg0-dev, Scripts/setup.sh).
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        // Decoded pixels and what auto grouping measures of them (color, brightness, sharpness). No I/O.
        .target(name: "ImageAnalysis", dependencies: ["CLibPNG", "CTurboJPEG"], swiftSettings: swiftSettings),
        // Datasets, labeling jobs, samples, labels and sync; storage only through the ObjectStorage protocol.
        .target(
            name: "Labeling",
            dependencies: [
                "LabelFormats",
                "ImageAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // SHA-256 of the users' API tokens.
                .product(name: "Crypto", package: "swift-crypto"),
                // The sync scheduler runs as a service of the API server.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Header and idle timeouts and a connection limit for the HTTP listeners.
        .target(
            name: "ConnectionGuard",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
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
                "AccessControl",
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
                "XMLStream",
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
                "ConnectionGuard",
                "ObslabAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The console's files, compiled in through Console/ConsoleAssets+Files.swift (Scripts/generate-console-assets.sh).
            exclude: ["Console/Assets"],
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
                "S3RequestXML",
                "ObslabAPI",
                "ConnectionGuard",
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
                "KeyManagement",
                "S3Server",
                "Labeling",
                "LabelingServer",
                "ConnectionGuard",
                "StorageAdapters",
                "ObjectStore",
                "ObslabAPI",
                "S3Protocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
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
        .testTarget(
            name: "ObjectStoreTests",
            dependencies: ["ObjectStore", "KeyManagement", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KeyManagementTests", dependencies: ["KeyManagement"], swiftSettings: swiftSettings),
        .testTarget(name: "LabelFormatsTests", dependencies: ["LabelFormats"], swiftSettings: swiftSettings),
        // Images encoded by the system libraries, for the tests of decoding and of auto grouping.
        .target(
            name: "ImageTestSupport",
            dependencies: ["ImageAnalysis", "CLibPNG", "CTurboJPEG"],
            path: "Tests/ImageTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ImageAnalysisTests", dependencies: ["ImageAnalysis", "ImageTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LabelingTests",
            dependencies: [
                "Labeling", "LabelFormats", "LabelingTestSupport", "ImageTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
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
        .testTarget(
            name: "S3ServerTests",
            dependencies: ["S3Server", "S3RequestXML", .product(name: "XMLCoder", package: "XMLCoder")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "XMLStreamTests", dependencies: ["XMLStream"], swiftSettings: swiftSettings),
        .testTarget(name: "S3RequestXMLTests", dependencies: ["S3RequestXML", "S3Documents"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ConnectionGuardTests",
            dependencies: ["ConnectionGuard", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S3ClientTests", dependencies: ["S3Client", "S3Documents", .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageAdaptersTests",
            dependencies: [
                "StorageAdapters", "Labeling", "ObjectStore", "KeyManagement", "AccessControl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AccessControlTests",
            dependencies: ["AccessControl", "ObjectStore", "KeyManagement", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
    ]
)
