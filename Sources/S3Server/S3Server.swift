import ConnectionGuard
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ObjectStore
import ServiceLifecycle

/// The S3 HTTP front: one HTTP listener, and an HTTPS one when configured, both answering through one `S3Handler` and both
/// held to the configuration's connection limits (header and idle timeouts, a maximum of connections).
///
/// It sits on HummingbirdCore's server rather than `Application` because S3 clients send `Expect: 100-continue`
/// and wait for the interim response before sending a body; only the raw response writer can send it.
public struct S3Server: Sendable {
    let handler: S3Handler
    let configuration: S3ServerConfiguration
    let logger: Logger

    public init(store: ObjectStore, configuration: S3ServerConfiguration, logger: Logger) {
        self.handler = S3Handler(store: store, configuration: configuration, logger: logger)
        self.configuration = configuration
        self.logger = logger
    }

    /// The listener services, to run in the caller's `ServiceGroup`.
    /// - Parameter onListening: called with the scheme and port of each listener once it accepts connections.
    public func services(
        onListening: @escaping @Sendable (_ scheme: String, _ port: Int) async -> Void = { _, _ in }
    ) throws
        -> [any Service]
    {
        let handler = self.handler
        func responder(isTLS: Bool) -> HTTPChannelHandler.Responder {
            { request, writer, channel in
                if request.headers[.expect]?.lowercased() == "100-continue" {
                    try await writer.writeInformationalHead(HTTPResponse(status: .continue))
                }
                let response = await handler.respond(to: request, isTLS: isTLS, remoteAddress: channel.remoteAddress?.ipAddress)
                try await writer.write(response: response.head, body: response.body)
            }
        }
        let limits = configuration.connectionLimits
        var services: [any Service] = [
            try HTTPServerBuilder.http1(limits: limits).buildServer(
                configuration: limits.serverConfiguration(
                    address: .hostname(configuration.host, port: configuration.port),
                    serverName: "obslab",
                    logger: logger
                ),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: logger,
                responder: responder(isTLS: false),
                onServerRunning: { channel in await onListening("http", channel.localAddress?.port ?? 0) }
            )
        ]
        if configuration.lifecycleInterval > 0 {
            services.append(LifecycleService(runner: handler.lifecycle, interval: .milliseconds(Int64(configuration.lifecycleInterval * 1000))))
        }
        if let tls = configuration.tls {
            let certificates = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem)
            let tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: certificates, privateKey: .privateKey(key))
            // The timeout handler goes in front of TLS, so that a stalled handshake counts as a head that never comes.
            let builder = HTTPServerBuilder { responder in
                GuardedChannel(try TLSChannel(limits.http1Channel(responder: responder), tlsConfiguration: tlsConfiguration), limits: limits)
            }
            services.append(
                try builder.buildServer(
                    configuration: limits.serverConfiguration(
                        address: .hostname(configuration.host, port: tls.port),
                        serverName: "obslab",
                        logger: logger
                    ),
                    eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                    logger: logger,
                    responder: responder(isTLS: true),
                    onServerRunning: { channel in await onListening("https", channel.localAddress?.port ?? 0) }
                )
            )
        }
        return services
    }
}
