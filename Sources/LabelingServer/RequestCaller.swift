import Labeling

/// The caller of the request being handled, as `TokenAuthenticationMiddleware` resolved its token.
///
/// A task-local value rather than a field of the request context: every route takes Hummingbird's
/// `BasicRequestContext`, and the middleware runs the handler within its own task, so the value is there for exactly
/// the handling of that one request.
enum RequestCaller {
    @TaskLocal static var current: Caller?

    /// The caller, or a 401 if the middleware did not run (a route added before it).
    static func require() throws -> Caller {
        guard let current else { throw ModelArtsError.unauthorized("The request was not authenticated") }
        return current
    }

    /// Refuses any caller but the owner (the server's own token): a 403 saying who may do `what`.
    @discardableResult
    static func requireOwner(to what: String) throws -> Caller {
        let caller = try require()
        guard caller.isOwner else {
            throw ModelArtsError.forbidden("\(caller.author) may not \(what): only the owner's token (the server's API token) may")
        }
        return caller
    }
}
