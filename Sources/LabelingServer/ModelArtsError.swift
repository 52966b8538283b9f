import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ObslabAPI

/// A failure as the ModelArts API reports it: an HTTP status and `{"error_code": "ModelArts.xxxx", "error_msg": "…"}`.
///
/// Codes follow ModelArts's table where it has one (`0102` resource does not exist, `0104` parameter error, `0010`
/// internal error, `4352` dataset not found, as the Labeling module uses them); `0101` (authentication), `0105`
/// (method not allowed) and `0106` (a token that may not do this) are obslab's choice in the same generic range.
public struct ModelArtsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// Extra headers of the answer, such as `Allow` on a 405.
    var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    static func unauthorized(_ message: String) -> ModelArtsError {
        ModelArtsError(status: .unauthorized, code: "ModelArts.0101", message: message)
    }

    /// A caller whose token does not allow the request (`0106`, obslab's choice beside `0101`).
    static func forbidden(_ message: String) -> ModelArtsError {
        ModelArtsError(status: .forbidden, code: "ModelArts.0106", message: message)
    }

    /// A bad request naming the field (or query parameter) at fault.
    static func invalidParameter(_ field: String, _ reason: String) -> ModelArtsError {
        ModelArtsError(status: .badRequest, code: "ModelArts.0104", message: "Invalid parameter \(field): \(reason)")
    }

    static func noSuchResource(_ method: HTTPRequest.Method, _ path: String) -> ModelArtsError {
        ModelArtsError(status: .notFound, code: "ModelArts.0102", message: "No resource \(method.rawValue) \(path)")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, _ path: String, allowed: [HTTPRequest.Method]) -> ModelArtsError {
        let names = allowed.map(\.rawValue).sorted()
        var error = ModelArtsError(
            status: .methodNotAllowed,
            code: "ModelArts.0105",
            message: "\(method.rawValue) is not allowed on \(path); allowed: \(names.joined(separator: ", "))"
        )
        error.headers[.allow] = names.joined(separator: ", ")
        return error
    }

    static func internalError(_ message: String) -> ModelArtsError {
        ModelArtsError(status: .internalServerError, code: "ModelArts.0010", message: message)
    }
}

extension ModelArtsError: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ModelArtsAPI.ErrorBody(errorCode: code, errorMessage: message)
        var headers = self.headers
        headers[.contentType] = "application/json"
        let data = try ModelArtsAPI.makeEncoder().encode(body)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
