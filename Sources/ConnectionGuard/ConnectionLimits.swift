import HummingbirdCore
import Logging
import NIOCore

/// How long a connection may take to send a request head, how long it may stay idle, and how many connections a listener
/// holds at once: so that connections that open and then say nothing (or trickle) cannot exhaust the server's file
/// descriptors. Every parameter has a default suitable for local use.
public struct ConnectionLimits: Sendable {
    /// From a new connection (TLS handshake included), or from the first byte of a later request, until its head is
    /// complete. Go's `ReadHeaderTimeout`, nginx's `client_header_timeout`.
    public var headerTimeout: TimeAmount
    /// How long a keep-alive connection may wait for its next request, and how long a request body may pause.
    public var idleTimeout: TimeAmount
    /// Connections a listener holds at once; further ones wait in the listen backlog until one closes.
    public var maxConnections: Int

    public static let defaultHeaderTimeout = TimeAmount.seconds(20)
    public static let defaultIdleTimeout = TimeAmount.seconds(60)
    public static let defaultMaxConnections = 1000

    public init(
        headerTimeout: TimeAmount = defaultHeaderTimeout,
        idleTimeout: TimeAmount = defaultIdleTimeout,
        maxConnections: Int = defaultMaxConnections
    ) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// A listener's configuration that holds at most ``maxConnections`` connections.
    public func serverConfiguration(address: BindAddress, serverName: String?, logger: Logger) -> ServerConfiguration {
        ServerConfiguration(
            address: address,
            serverName: serverName,
            availableConnectionsDelegate: MaximumAvailableConnections(self.maxConnections, logger: logger)
        )
    }

    /// The HTTP/1 channel of a listener, reporting its requests' progress to the connection's timer.
    public func http1Channel(responder: @escaping HTTPChannelHandler.Responder) -> HTTP1Channel {
        HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: [RequestProgressHandler()]))
    }
}

extension HTTPServerBuilder {
    /// A plain HTTP/1 server held to `limits`.
    public static func http1(limits: ConnectionLimits) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in GuardedChannel(limits.http1Channel(responder: responder), limits: limits) }
    }
}
