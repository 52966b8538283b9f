import HTTPTypes
import Hummingbird
import NIOCore

extension S3Error {
    /// The error as an HTTP response with an S3 XML `<Error>` body (omitted for HEAD, which has no body).
    func response(requestId: String, includeBody: Bool) -> Response {
        var headers = self.headers
        guard includeBody else { return Response(status: status, headers: headers) }
        let document = S3ErrorDocument(code: code, message: message, details: details, resource: resource, requestId: requestId, hostId: requestId)
        guard let bytes = try? S3XML.encode(document) else {
            return Response(status: status, headers: headers)
        }
        headers[.contentType] = "application/xml"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
