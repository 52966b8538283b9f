import HTTPTypes
import Hummingbird

/// One operation of the API: a method, a path with `:parameters`, its handler, and the query parameters it reads.
struct LabelingEndpoint: Sendable {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    var handler: Handler
    /// The query parameters the handler reads. Any other is refused with a 400 naming it, never ignored, so that a
    /// client relying on one learns at once that obslab does not do what ModelArts would.
    var query: Set<String>
    /// Query parameters of the reference that obslab refuses on this route, with why.
    var refusedQuery: [String: String]

    init(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler, query: Set<String> = [], refusing: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.handler = handler
        self.query = query
        self.refusedQuery = refusing
    }

    /// The handler, after refusing a query parameter it does not read.
    var checkedHandler: Handler {
        let check = self
        return { request, context in
            try check.refuseUnreadQueryParameters(request)
            return try await check.handler(request, context)
        }
    }

    func refuseUnreadQueryParameters(_ request: Request) throws {
        for (name, _) in request.uri.queryParameters where !query.contains(String(name)) {
            let name = String(name)
            let honoured = query.isEmpty ? "it reads none" : "it reads \(query.sorted().joined(separator: ", "))"
            throw ModelArtsError.invalidParameter(name, refusedQuery[name] ?? "is not a query parameter obslab honours here (\(honoured))")
        }
    }
}
