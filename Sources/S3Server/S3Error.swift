import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An S3 error response: the exact S3 code, its HTTP status, a message, and the resource it concerns.
///
/// Every failure that reaches a client is rendered as one of these, as an S3 XML `<Error>` body.
public struct S3Error: Error, Sendable {
    public var code: String
    public var status: HTTPResponse.Status
    public var message: String
    /// The bucket or object the error is about, as S3 reports it in `<Resource>`.
    public var resource: String?
    /// Extra elements S3 adds after `<Message>` for some codes (e.g. `StringToSign`, `Key`, `ArgumentName`).
    public var details: [(name: String, value: String)]
    /// Headers that go with the error (e.g. `x-amz-delete-marker` on a 404 hidden by a marker).
    public var headers: HTTPFields

    public init(
        _ code: String,
        status: HTTPResponse.Status,
        message: String,
        resource: String? = nil,
        details: [(name: String, value: String)] = [],
        headers: HTTPFields = [:]
    ) {
        self.code = code
        self.status = status
        self.message = message
        self.resource = resource
        self.details = details
        self.headers = headers
    }
}

extension S3Error {
    static func accessDenied(_ message: String = "Access Denied") -> S3Error {
        S3Error("AccessDenied", status: .forbidden, message: message)
    }

    static func invalidArgument(_ message: String, name: String? = nil, value: String? = nil) -> S3Error {
        var details: [(name: String, value: String)] = []
        if let name { details.append(("ArgumentName", name)) }
        if let value { details.append(("ArgumentValue", value)) }
        return S3Error("InvalidArgument", status: .badRequest, message: message, details: details)
    }

    static func invalidRequest(_ message: String) -> S3Error {
        S3Error("InvalidRequest", status: .badRequest, message: message)
    }

    static func malformedXML() -> S3Error {
        S3Error(
            "MalformedXML",
            status: .badRequest,
            message: "The XML you provided was not well-formed or did not validate against our published schema."
        )
    }

    static func maxMessageLengthExceeded() -> S3Error {
        S3Error("MaxMessageLengthExceeded", status: .badRequest, message: "Your request was too big.")
    }

    static func notImplemented(_ what: String) -> S3Error {
        S3Error("NotImplemented", status: .notImplemented, message: "\(what) is not implemented by obslab.")
    }

    static func methodNotAllowed(_ message: String = "The specified method is not allowed against this resource.") -> S3Error {
        S3Error("MethodNotAllowed", status: .methodNotAllowed, message: message)
    }

    static func invalidRange(size: Int64) -> S3Error {
        S3Error(
            "InvalidRange",
            status: .rangeNotSatisfiable,
            message: "The requested range is not satisfiable",
            details: [("RangeRequested", ""), ("ActualObjectSize", String(size))],
            headers: [.contentRange: "bytes */\(size)"]
        )
    }

    static let preconditionFailed = S3Error(
        "PreconditionFailed",
        status: .preconditionFailed,
        message: "At least one of the pre-conditions you specified did not hold",
        details: [("Condition", "If-Match")]
    )

    static let internalError = S3Error(
        "InternalError",
        status: .internalServerError,
        message: "We encountered an internal error. Please try again."
    )
}
