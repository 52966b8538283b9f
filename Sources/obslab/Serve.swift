import ArgumentParser
import Foundation
import Logging
import ObjectStore
import S3Server
import ServiceLifecycle
import UnixSignals

extension Obslab {
    /// Runs the server in the foreground until SIGINT or SIGTERM.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the obslab server on a data root.")

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port of the S3/OBS endpoint.")
        var port = 9000

        @Option(help: "Port of the ModelArts-style API (reserved; the labeling API is not served yet).")
        var apiPort = 9001

        @Option(help: "The data root: its folders are adopted as buckets at start-up.")
        var dataDir = "Buckets"

        @Option(help: "Also serve the S3 endpoint over HTTPS on this port (needs --tls-cert and --tls-key).")
        var tlsPort: Int?

        @Option(help: "PEM certificate (chain) for the HTTPS listener.")
        var tlsCert: String?

        @Option(help: "PEM private key for the HTTPS listener.")
        var tlsKey: String?

        @Flag(help: "Refuse SSE-C keys sent over plain HTTP, as S3 does (by default they are accepted for local use).")
        var requireTLSForCustomerKeys = false

        @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
        var logLevel: Logger.Level = .info

        func validate() throws {
            let tlsOptions = [tlsPort != nil, tlsCert != nil, tlsKey != nil]
            if tlsOptions.contains(true) && tlsOptions.contains(false) {
                throw ValidationError("--tls-port, --tls-cert and --tls-key go together.")
            }
            for (name, value) in [("--port", port), ("--api-port", apiPort), ("--tls-port", tlsPort ?? 0)] where !(0...65535).contains(value) {
                throw ValidationError("\(name) must be between 0 and 65535, not \(value).")
            }
        }

        func run() async throws {
            let level = logLevel
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "obslab")
            let environment = ProcessInfo.processInfo.environment
            var configuration = S3ServerConfiguration(host: host, port: port, requireTLSForCustomerKeys: requireTLSForCustomerKeys)
            configuration.ownerAccessKey = environment["OBSLAB_ROOT_ACCESS_KEY"] ?? S3ServerConfiguration.defaultAccessKey
            configuration.ownerSecretKey = environment["OBSLAB_ROOT_SECRET_KEY"] ?? S3ServerConfiguration.defaultSecretKey
            if let tlsPort, let tlsCert, let tlsKey {
                configuration.tls = .init(port: tlsPort, certificatePath: tlsCert, privateKeyPath: tlsKey)
            }

            let dataRoot = URL(fileURLWithPath: dataDir).standardizedFileURL.path
            let store = try await ObjectStore.open(dataRoot: dataRoot, owner: configuration.ownerName, logger: logger)
            let server = S3Server(store: store, configuration: configuration, logger: logger)
            let host = self.host
            let services = try server.services { scheme, port in
                let label = scheme == "https" ? "obslab S3 endpoint (TLS)" : "obslab S3 endpoint"
                Self.announce("\(label): \(scheme)://\(host):\(port)")
            }
            Self.announce("obslab access key: \(configuration.ownerAccessKey)")
            Self.announce("obslab secret key: \(configuration.ownerSecretKey)")
            Self.announce("obslab data root: \(dataRoot)")
            let group = ServiceGroup(
                configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            )
            try await group.run()
        }

        /// Start-up lines go to stdout unbuffered, so scripts reading them see them immediately.
        private static func announce(_ line: String) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
