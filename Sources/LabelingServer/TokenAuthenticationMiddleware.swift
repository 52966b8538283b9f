import HTTPTypes
import Hummingbird
import ObslabAPI

/// Lets through only requests whose `X-Auth-Token` is the server's token (the IAM token of the real API).
struct TokenAuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = request.headers[.authToken] else {
            throw ModelArtsError.unauthorized("The request has no X-Auth-Token header; obslab serve prints the token at start-up")
        }
        guard Self.constantTimeEqual(presented, token) else {
            throw ModelArtsError.unauthorized("The X-Auth-Token is not valid for this server")
        }
        return try await next(request, context)
    }

    /// Compares without returning early, so that response times do not reveal how much of a guess was right.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}

extension HTTPField.Name {
    static let authToken = HTTPField.Name(ModelArtsAPI.tokenHeader)!
}
