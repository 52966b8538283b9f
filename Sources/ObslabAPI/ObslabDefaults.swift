/// What a server starts with and a client assumes when nothing says otherwise: one place, read by `obslab serve`, the
/// servers' configurations and every client command.
public enum ObslabDefaults {
    /// The owner's (root) keys; `OBSLAB_ROOT_ACCESS_KEY` and `OBSLAB_ROOT_SECRET_KEY` replace them.
    public static let ownerAccessKey = "obslabroot"
    public static let ownerSecretKey = "obslabroot-secret"
    /// The ModelArts-style API's token; `OBSLAB_API_TOKEN` replaces it.
    public static let apiToken = "obslab-api-token"
    /// The S3/OBS endpoint's port.
    public static let s3Port = 9000
    /// The ModelArts-style API's port.
    public static let apiPort = 9001
    /// The host clients reach by default.
    public static let host = "127.0.0.1"

    public static var s3Endpoint: String { "http://\(host):\(s3Port)" }
    public static var apiEndpoint: String { "http://\(host):\(apiPort)" }
}
