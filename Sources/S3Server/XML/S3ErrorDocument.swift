/// The `Error` body of a failed request. S3 sends it without a namespace.
struct S3ErrorDocument: S3XMLDocument, Equatable {
    static let rootElement = "Error"
    static let namespace: String? = nil

    var code: String
    var message: String
    /// Extra elements written after `Message` in this order, such as `Key`, `BucketName`, `StringToSign`.
    var details: [Detail] = []
    var resource: String?
    var requestID: String
    var hostID: String?

    struct Detail: Sendable, Equatable {
        var name: String
        var value: String

        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

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
        try container.encode(requestID, forKey: Key("RequestId"))
        try container.encodeIfPresent(hostID, forKey: Key("HostId"))
    }
}
