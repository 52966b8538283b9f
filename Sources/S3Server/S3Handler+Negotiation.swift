import HTTPTypes
import Hummingbird
import ObjectStore

/// esdk-obs-python's protocol negotiation.
extension S3Handler {
    /// Answers the SDK's unauthenticated `HEAD /?apiversion` or `HEAD /{bucket}?apiversion` with `x-obs-api: 3.0`, which makes
    /// it speak the OBS dialect; `nil` for any other request. A missing bucket is a 404, as on OBS: the SDK then returns
    /// that answer from the call it was about to make.
    func negotiateAPIVersion(_ request: S3Request) async throws -> Response? {
        guard request.method == .head, request.key == nil, request.hasQuery("apiversion") else { return nil }
        if let bucket = request.bucket {
            _ = try await store.bucket(bucket)
        }
        return Response(status: .ok, headers: [.obsAPI: Dialect.obsAPIVersion])
    }
}
