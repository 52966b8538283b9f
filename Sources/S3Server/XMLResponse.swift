import HTTPTypes
import Hummingbird
import NIOCore

/// Wraps an S3 XML document into a `200 OK` (or given status) response, in the dialect of the request.
enum XMLResponse {
    static func make<Document: S3XMLDocument>(
        _ document: Document,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        let dialect = Dialect.current
        let bytes = try S3XML.encode(dialect.outgoing(document), namespace: dialect.namespace(of: Document.self))
        var headers = headers
        headers[.contentType] = "application/xml"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
