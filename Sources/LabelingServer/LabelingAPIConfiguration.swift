import ConnectionGuard
import ObslabAPI

/// Where the ModelArts-style API listens and the token every request must carry.
public struct LabelingAPIConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The value `X-Auth-Token` must have.
    public var token: String
    /// Header and idle timeouts and the maximum of connections of the listener.
    public var connectionLimits: ConnectionLimits

    /// The token when `OBSLAB_API_TOKEN` does not set one: a local emulator's well-known secret, like the default keys.
    public static let defaultToken = ObslabDefaults.apiToken
    public static let defaultPort = ObslabDefaults.apiPort

    public init(
        host: String = "127.0.0.1",
        port: Int = defaultPort,
        token: String = defaultToken,
        connectionLimits: ConnectionLimits = ConnectionLimits()
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.connectionLimits = connectionLimits
    }
}
