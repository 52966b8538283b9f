import ArgumentParser
import ConnectionGuard
import Foundation
import KeyManagement
import Labeling
import LabelingServer
import Logging
import NIOCore
import ObjectStore
import ObslabAPI
import S3Server
import ServiceLifecycle
import StorageAdapters
import UnixSignals

/// `obslab serve`, the composition root: the store, the S3 front, the labeling layer on its storage adapter and the
/// ModelArts-style API, as services of one group. The only command that links the servers; every other command is
/// a client of the running servers (the `obslab` target, which imports no server module).
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the obslab server on a data root.")

    public init() {}

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port of the S3/OBS endpoint.")
    var port = ObslabDefaults.s3Port

    @Option(help: "Port of the ModelArts-style labeling API.")
    var apiPort = LabelingAPIConfiguration.defaultPort

    @Option(help: "Where the labeling layer reads buckets: local (this server's store) or s3 (--labeling-storage-endpoint).")
    var labelingStorage: LabelingStorageKind = .local

    @Option(
        help: """
            The S3 endpoint the labeling layer reads with --labeling-storage s3, signing with \
            $OBSLAB_LABELING_ACCESS_KEY and $OBSLAB_LABELING_SECRET_KEY.
            """
    )
    var labelingStorageEndpoint: String?

    @Option(help: "The region to sign for with --labeling-storage s3.")
    var labelingStorageRegion = "us-east-1"

    @Option(help: "The data root: its folders are adopted as buckets at start-up.")
    var dataDir = "Buckets"

    @Option(
        help: """
            The file holding the root key that seals the data root's keys and secrets (256 bits: raw, hex or base64). \
            Default: $OBSLAB_ROOT_KEY, else $XDG_CONFIG_HOME/obslab/root.key or ~/.config/obslab/root.key, created \
            on first use.
            """
    )
    var rootKeyFile: String?

    @Option(help: "Also serve the S3 endpoint over HTTPS on this port (needs --tls-cert and --tls-key).")
    var tlsPort: Int?

    @Option(help: "PEM certificate (chain) for the HTTPS listener.")
    var tlsCert: String?

    @Option(help: "PEM private key for the HTTPS listener.")
    var tlsKey: String?

    @Flag(help: "Refuse SSE-C keys sent over plain HTTP, as S3 does (by default they are accepted for local use).")
    var requireTLSForCustomerKeys = false

    @Option(help: "Seconds a connection has to send a whole request head, from connecting or from its first byte after a wait.")
    var headerTimeout: Double = Double(ConnectionLimits.defaultHeaderTimeout.nanoseconds) / 1e9

    @Option(help: "Seconds a keep-alive connection may wait for its next request, and a request body may pause.")
    var idleTimeout: Double = Double(ConnectionLimits.defaultIdleTimeout.nanoseconds) / 1e9

    @Option(help: "Connections each listener holds at once; further ones wait until one closes.")
    var maxConnections = ConnectionLimits.defaultMaxConnections

    @Option(help: "Seconds between passes of the lifecycle rules (expirations, aborted uploads); 0 turns them off.")
    var lifecycleInterval: Double = 3600

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    public func validate() throws {
        let tlsOptions = [tlsPort != nil, tlsCert != nil, tlsKey != nil]
        if tlsOptions.contains(true) && tlsOptions.contains(false) {
            throw ValidationError("--tls-port, --tls-cert and --tls-key go together.")
        }
        if labelingStorage == .s3 {
            guard let labelingStorageEndpoint, URL(string: labelingStorageEndpoint)?.host != nil else {
                throw ValidationError("--labeling-storage s3 needs --labeling-storage-endpoint, a URL such as http://127.0.0.1:5000.")
            }
            let environment = ProcessInfo.processInfo.environment
            guard environment["OBSLAB_LABELING_ACCESS_KEY"] != nil, environment["OBSLAB_LABELING_SECRET_KEY"] != nil else {
                throw ValidationError("--labeling-storage s3 reads with the keys in $OBSLAB_LABELING_ACCESS_KEY and $OBSLAB_LABELING_SECRET_KEY.")
            }
        }
        for (name, value) in [("--port", port), ("--api-port", apiPort), ("--tls-port", tlsPort ?? 0)] where !(0...65535).contains(value) {
            throw ValidationError("\(name) must be between 0 and 65535, not \(value).")
        }
        for (name, value) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout)] where !(value > 0 && value <= 86400) {
            throw ValidationError("\(name) must be a number of seconds between 0 and 86400, not \(value).")
        }
        guard lifecycleInterval >= 0, lifecycleInterval <= 86400 * 365 else {
            throw ValidationError("--lifecycle-interval must be a number of seconds between 0 and a year, not \(lifecycleInterval).")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1, not \(maxConnections).") }
    }

    public func run() async throws {
        MemoryReturnService.limitArenas(to: System.coreCount)
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "obslab")
        let environment = ProcessInfo.processInfo.environment
        umask(0o077)  // everything the server creates (catalogs, blobs, keys) is for its user only
        let limits = ConnectionLimits(
            headerTimeout: .nanoseconds(Int64(headerTimeout * 1e9)),
            idleTimeout: .nanoseconds(Int64(idleTimeout * 1e9)),
            maxConnections: maxConnections
        )
        var configuration = S3ServerConfiguration(
            host: host,
            port: port,
            requireTLSForCustomerKeys: requireTLSForCustomerKeys,
            connectionLimits: limits
        )
        configuration.lifecycleInterval = lifecycleInterval
        configuration.ownerAccessKey = environment["OBSLAB_ROOT_ACCESS_KEY"] ?? S3ServerConfiguration.defaultAccessKey
        configuration.ownerSecretKey = environment["OBSLAB_ROOT_SECRET_KEY"] ?? S3ServerConfiguration.defaultSecretKey
        if let tlsPort, let tlsCert, let tlsKey {
            configuration.tls = .init(port: tlsPort, certificatePath: tlsCert, privateKeyPath: tlsKey)
        }

        let dataRoot = URL(fileURLWithPath: dataDir).standardizedFileURL.path
        let rootKey = try RootKeySelection.resolve(file: rootKeyFile, environment: environment, dataRoot: dataRoot)
        Self.announce("obslab root key: \(rootKey.origin)")
        for warning in rootKey.warnings {
            logger.warning("\(warning)")
        }
        let store = try await ObjectStore.open(dataRoot: dataRoot, rootKey: rootKey.key, owner: configuration.ownerName, logger: logger)
        let server = S3Server(store: store, configuration: configuration, logger: logger)
        let host = self.host
        // The store first: it closes last, once nothing uses it.
        var services: [any Service] = [ClosingService(name: "object store", logger: logger) { try store.close() }]
        services += try server.services { scheme, port in
            let label = scheme == "https" ? "obslab S3 endpoint (TLS)" : "obslab S3 endpoint"
            Self.announce("\(label): \(scheme)://\(host):\(port)")
        }
        let labeling = try LabelingService.open(
            catalogPath: dataRoot + "/.obslab/labeling.sqlite",
            storage: try labelingStorage(store: store, environment: environment),
            logger: logger
        )
        services.append(ClosingService(name: "labeling catalog", logger: logger) { try labeling.close() })
        let apiConfiguration = LabelingAPIConfiguration(
            host: host,
            port: apiPort,
            token: environment["OBSLAB_API_TOKEN"] ?? LabelingAPIConfiguration.defaultToken,
            connectionLimits: limits
        )
        services += LabelingAPIServer(service: labeling, configuration: apiConfiguration, logger: logger).services { port in
            Self.announce("obslab ModelArts API endpoint: http://\(host):\(port)")
        }
        Self.announce("obslab access key: \(configuration.ownerAccessKey)")
        Self.announce("obslab secret key: \(configuration.ownerSecretKey)")
        Self.announce("obslab API token: \(apiConfiguration.token)")
        Self.announce("obslab data root: \(dataRoot)")
        services.append(MemoryReturnService())
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }

    /// The labeling layer reads as the labeling service principal: through the engine, or over S3 with its own keys.
    private func labelingStorage(store: ObjectStore, environment: [String: String]) throws -> any ObjectStorage {
        switch labelingStorage {
        case .local:
            return LocalObjectStorage(store: store)
        case .s3:
            return try S3ObjectStorage(
                endpoint: URL(string: labelingStorageEndpoint!)!,
                accessKey: environment["OBSLAB_LABELING_ACCESS_KEY"]!,
                secretKey: environment["OBSLAB_LABELING_SECRET_KEY"]!,
                region: labelingStorageRegion
            )
        }
    }

    /// Start-up lines go to stdout unbuffered, so scripts reading them see them immediately.
    private static func announce(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Where the labeling layer reads buckets (`--labeling-storage`).
enum LabelingStorageKind: String, ExpressibleByArgument, CaseIterable {
    case local
    case s3
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
