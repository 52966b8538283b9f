import Hummingbird
import Logging

/// Renders every failure as a ModelArts JSON error, including the router's own 404, which becomes a 405 when the path
/// exists with other methods.
struct ModelArtsErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.allowedMethods(for: request.uri.path)
            throw allowed.isEmpty
                ? ModelArtsError.noSuchResource(request.method, request.uri.path)
                : ModelArtsError.methodNotAllowed(request.method, request.uri.path, allowed: allowed)
        } catch {
            let converted = ModelArtsError(error)
            if converted.status.code >= 500 {
                context.logger.error("labeling API failure", metadata: ["labeling.error": "\(error)", "http.path": "\(request.uri.path)"])
            }
            throw converted
        }
    }
}
