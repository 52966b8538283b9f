import Hummingbird
import NIOCore
import NIOHTTP1

/// Turns the failures of reading a request body into client errors: a body over its limit is a 413, malformed HTTP
/// chunked framing or a connection that ends midway a 400. Without it they would be internal errors.
struct RequestBodyErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is NIOTooManyBytesError {
            throw ModelArtsError.bodyTooLarge(limit: nil)
        } catch let error as HTTPParserError {
            throw ModelArtsError.invalidParameter("body", "is not valid HTTP/1.1 framing (\(error))")
        }
    }
}

extension ModelArtsError {
    /// A request body over the size an endpoint accepts.
    static func bodyTooLarge(limit: Int?) -> ModelArtsError {
        let size = limit.map { "\($0 >> 20) MiB" } ?? "this endpoint accepts"
        return ModelArtsError(status: .contentTooLarge, code: "ModelArts.0104", message: "Invalid parameter body: is larger than \(size)")
    }
}
