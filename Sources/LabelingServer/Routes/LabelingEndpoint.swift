import HTTPTypes
import Hummingbird

/// One operation of the API: a method, a path with `:parameters`, and its handler.
struct LabelingEndpoint: Sendable {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    var handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.handler = handler
    }
}
