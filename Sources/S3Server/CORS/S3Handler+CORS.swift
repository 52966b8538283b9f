import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

/// CORS: GET, PUT and DELETE `?cors`, the preflight `OPTIONS` a browser sends before a cross-origin request, and the
/// `Access-Control-*` headers of the actual request.
extension S3Handler {
    func putBucketCORS(_ request: S3Request, bucket: String, payload: PayloadSigning) async throws -> Response {
        let policy = try CORSPolicy(validating: try await readDocument(CORSConfiguration.self, request, payload: payload))
        let document = String(decoding: try JSONEncoder().encode(policy.configuration), as: UTF8.self)
        try await store.setBucketConfiguration(bucket, .cors, document)
        return Response(status: .ok)
    }

    func getBucketCORS(_ request: S3Request, bucket: String) async throws -> Response {
        guard let policy = try await storedCORS(bucket) else {
            throw S3Error(
                "NoSuchCORSConfiguration",
                status: .notFound,
                message: "The CORS configuration does not exist",
                details: [("BucketName", bucket)]
            )
        }
        return try XMLResponse.make(policy.configuration)
    }

    func deleteBucketCORS(_ request: S3Request, bucket: String) async throws -> Response {
        try await store.setBucketConfiguration(bucket, .cors, nil)
        return Response(status: .noContent)
    }

    /// A preflight needs no signature: it is answered by the bucket's rules alone, 403 when none allows the request.
    /// OBS lets one preflight ask for several methods (esdk-obs-python sends them as a list); each must be allowed.
    func preflight(_ request: S3Request, bucket: String) async throws -> Response {
        guard let origin = request.header("origin") else {
            throw S3Error("BadRequest", status: .badRequest, message: "Insufficient information. Origin request header needed.")
        }
        let methods = request.headers[values: .accessControlRequestMethod].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !methods.isEmpty, methods.allSatisfy(CORSPolicy.methods.contains) else {
            let sent = request.header("access-control-request-method") ?? "null"
            throw S3Error("BadRequest", status: .badRequest, message: "Invalid Access-Control-Request-Method: \(sent)")
        }
        guard let policy = try await storedCORS(bucket) else {
            throw S3Error("AccessForbidden", status: .forbidden, message: "CORSResponse: CORS is not enabled for this bucket.")
        }
        let requestedHeaders = request.headers[values: .accessControlRequestHeaders].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard let rule = policy.rule(origin: origin, methods: methods, headers: requestedHeaders) else {
            throw S3Error(
                "AccessForbidden",
                status: .forbidden,
                message: "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / "
                    + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
            )
        }
        return Response(status: .ok, headers: CORSPolicy.headers(for: rule, origin: origin, requestedHeaders: requestedHeaders))
    }

    /// The `Access-Control-*` headers an actual cross-origin request (one with `Origin`) gets from the bucket's first
    /// matching rule; none when the bucket has no rules, none match, or anything fails.
    func corsHeaders(for request: S3Request) async -> HTTPFields {
        guard let origin = request.header("origin"), let bucket = request.bucket, request.method != .options,
            let policy = try? await storedCORS(bucket),
            let rule = policy.rule(origin: origin, methods: [request.method.rawValue])
        else { return [:] }
        return CORSPolicy.headers(for: rule, origin: origin)
    }

    private func storedCORS(_ bucket: String) async throws -> CORSPolicy? {
        guard let document = try await store.bucketConfiguration(bucket, .cors) else { return nil }
        return CORSPolicy(stored: try JSONDecoder().decode(CORSConfiguration.self, from: Data(document.utf8)))
    }
}

extension CORSConfiguration: S3XMLDocument {}
