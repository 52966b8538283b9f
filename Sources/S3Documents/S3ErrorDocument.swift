/// The `Error` body of a failed request. S3 sends it without a namespace.
public struct S3ErrorDocument: S3Document, Codable {
    public static let rootElement = "Error"

    public var code: String
    public var message: String
    /// Extra elements written after `Message` in this order, such as `Key`, `BucketName`, `StringToSign`, `KMSKeyId`.
    public var details: [(name: String, value: String)]
    public var resource: String?
    public var requestId: String
    public var hostId: String?

    public init(
        code: String,
        message: String,
        details: [(name: String, value: String)] = [],
        resource: String? = nil,
        requestId: String,
        hostId: String? = nil
    ) {
        self.code = code
        self.message = message
        self.details = details
        self.resource = resource
        self.requestId = requestId
        self.hostId = hostId
    }

    /// The value of the first detail named `name`.
    public func detail(_ name: String) -> String? {
        details.first { $0.name == name }?.value
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let fixedElements: Set<String> = ["Code", "Message", "Resource", "RequestId", "HostId"]

    public func encode(to encoder: any Encoder) throws {
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

    /// Every element but the fixed ones is a detail, in name order; `Message` and `RequestId` may be missing (not every
    /// server sends them).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        code = try container.decode(String.self, forKey: Key("Code"))
        message = try container.decodeIfPresent(String.self, forKey: Key("Message")) ?? ""
        resource = try container.decodeIfPresent(String.self, forKey: Key("Resource"))
        requestId = try container.decodeIfPresent(String.self, forKey: Key("RequestId")) ?? ""
        hostId = try container.decodeIfPresent(String.self, forKey: Key("HostId"))
        let names = Set(container.allKeys.map(\.stringValue)).subtracting(Self.fixedElements).sorted()
        details = try names.compactMap { name in
            try container.decodeIfPresent(String.self, forKey: Key(name)).map { (name, $0) }
        }
    }
}
