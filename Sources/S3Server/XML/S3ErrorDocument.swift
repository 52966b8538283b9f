/// The `Error` body of a failed request. S3 sends it without a namespace.
struct S3ErrorDocument: S3XMLDocument {
    static let rootElement = "Error"
    static let namespace: String? = nil

    var code: String
    var message: String
    /// Extra elements written after `Message` in this order, such as `Key`, `BucketName`, `StringToSign`.
    var details: [(name: String, value: String)] = []
    var resource: String?
    var requestId: String
    var hostId: String?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(code, forKey: Key("Code"))
        try container.encode(message, forKey: Key("Message"))
        for detail in details {
            try container.encode(detail.value, forKey: Key(detail.name))
        }
        try container.encodeIfPresent(resource, forKey: Key("Resource"))
        try container.encode(requestId, forKey: Key("RequestId"))
        try container.encodeIfPresent(hostId, forKey: Key("HostId"))
    }
}
