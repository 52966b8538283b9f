import KeyManagement

/// Who is reading, with the customer key they sent: what decrypting an object takes.
public struct ReadAccess: Sendable {
    /// The principal the KMS checks grants for.
    public var principal: String
    /// The SSE-C key of the request, if it sent one.
    public var customerKey: CustomerKey?

    /// The labeling layer's principal (like the ModelArts agency): it has no KMS grant unless one is given.
    public static let labelingServicePrincipal = "modelarts-service"

    public init(principal: String, customerKey: CustomerKey? = nil) {
        self.principal = principal
        self.customerKey = customerKey
    }
}
