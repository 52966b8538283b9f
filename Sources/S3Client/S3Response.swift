import NIOHTTP1
import S3Documents

/// An S3 answer, whatever its status: the status, the headers and the (size-limited) body.
public struct S3Response: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// This answer when it is a success (2xx); otherwise the `S3ClientError` its `<Error>` body describes.
    @discardableResult
    public func checked() throws -> S3Response {
        guard status >= 300 else { return self }
        throw error
    }

    /// The error this answer describes: its S3 error document, or (a HEAD, a proxy's page) its status and text.
    public var error: S3ClientError {
        guard let document = try? S3ClientXML.decode(S3ErrorDocument.self, from: body) else {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
            return S3ClientError(code: "HTTP\(status)", message: text.isEmpty ? "The storage answered HTTP \(status)" : text, status: status)
        }
        var details = Dictionary(document.details, uniquingKeysWith: { first, _ in first })
        details["Resource"] = document.resource
        details["RequestId"] = document.requestId.isEmpty ? nil : document.requestId
        return S3ClientError(code: document.code, message: document.message, status: status, details: details)
    }
}
