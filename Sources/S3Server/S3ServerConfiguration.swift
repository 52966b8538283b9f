import ConnectionGuard

/// How the S3 front listens and whom it trusts. Every parameter has a default suitable for local use.
public struct S3ServerConfiguration: Sendable {
    /// An HTTPS listener next to the plain HTTP one (real clients only send aws-chunked bodies over TLS).
    public struct TLSListener: Sendable {
        public var port: Int
        public var certificatePath: String
        public var privateKeyPath: String

        public init(port: Int, certificatePath: String, privateKeyPath: String) {
            self.port = port
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    public var host: String
    public var port: Int
    public var tls: TLSListener?
    /// The region reported by GetBucketLocation; signatures for any region are accepted.
    public var region: String
    /// Domains under which `bucket.domain` addresses a bucket (virtual-hosted style).
    public var virtualHostDomains: [String]
    public var ownerAccessKey: String
    public var ownerSecretKey: String
    /// The owner's principal name, as KMS grants and errors name it.
    public var ownerName: String
    /// Refuse SSE-C keys sent over plain HTTP (S3 always does; local use may want them over HTTP).
    public var requireTLSForCustomerKeys: Bool
    /// Header and idle timeouts and the maximum of connections, for each listener.
    public var connectionLimits: ConnectionLimits
    /// How often the lifecycle rules are applied, in seconds; 0 turns the background task off (the admin API's
    /// `lifecycle/run` still applies them).
    public var lifecycleInterval: Double = 3600

    public static let defaultAccessKey = ObslabDefaults.ownerAccessKey
    public static let defaultSecretKey = ObslabDefaults.ownerSecretKey

    public init(
        host: String = "127.0.0.1",
        port: Int = ObslabDefaults.s3Port,
        tls: TLSListener? = nil,
        region: String = "us-east-1",
        virtualHostDomains: [String] = ["localhost"],
        ownerAccessKey: String = defaultAccessKey,
        ownerSecretKey: String = defaultSecretKey,
        ownerName: String = "owner",
        requireTLSForCustomerKeys: Bool = false,
        connectionLimits: ConnectionLimits = ConnectionLimits()
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.region = region
        self.virtualHostDomains = virtualHostDomains
        self.ownerAccessKey = ownerAccessKey
        self.ownerSecretKey = ownerSecretKey
        self.ownerName = ownerName
        self.requireTLSForCustomerKeys = requireTLSForCustomerKeys
        self.connectionLimits = connectionLimits
    }
}
