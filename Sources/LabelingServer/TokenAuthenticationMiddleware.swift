import HTTPTypes
import Hummingbird
import Labeling
import ObslabAPI

/// Lets through only requests whose `X-Auth-Token` is the server's token (the owner's, the IAM token of the real API) or
/// a user's own token, and runs the handler as that caller (`RequestCaller.current`).
///
/// The owner may act for another user by naming them in `X-Obslab-User` (recorded as the author of changes); a user's
/// token may name only that user, else the request is refused with a 403.
struct TokenAuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String
    let service: LabelingService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = request.headers[.authToken] else {
            throw ModelArtsError.unauthorized("The request has no X-Auth-Token header; obslab serve prints the token at start-up")
        }
        let named = request.headers[.obslabUser]
        let caller: Caller
        if Self.constantTimeEqual(presented, token) {
            caller = .owner(actingAs: named ?? LabelingService.defaultAuthor)
        } else if let user = try await service.user(token: presented) {
            if let named, named != user.name {
                throw ModelArtsError.forbidden(
                    "The token of user \(user.name) may not act as \(named): only the owner's token (the server's API token) may name another user"
                )
            }
            caller = .user(user)
        } else {
            throw ModelArtsError.unauthorized("The X-Auth-Token is not valid for this server")
        }
        return try await RequestCaller.$current.withValue(caller) {
            try await next(request, context)
        }
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
