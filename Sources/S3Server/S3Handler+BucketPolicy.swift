import AccessControl
import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore

/// Bucket policies: PUT, GET and DELETE `?policy`, and GetBucketPolicyStatus (`?policyStatus`).
extension S3Handler {
    /// Validates the policy for this bucket (S3's `MalformedPolicy` messages) and keeps its text as sent.
    func putBucketPolicy(_ request: S3Request, bucket: String, caller: Caller) async throws -> Response {
        let body = try await readSmallBody(request, payload: caller.payload, limit: 64 * 1024)
        _ = try await store.bucket(bucket)
        let dialect: BucketPolicy.Dialect = Dialect.current == .obs ? .obs : .s3
        do {
            _ = try BucketPolicy(parsing: body, bucket: bucket, dialect: dialect, principals: try await gate.knownPrincipals())
        } catch let error as AccessControlError {
            throw S3Error(accessControl: error)
        }
        try await store.setBucketPolicy(bucket, String(decoding: body, as: UTF8.self))
        return Response(status: .noContent)
    }

    func getBucketPolicy(_ request: S3Request, bucket: String) async throws -> Response {
        let policy = try await existingPolicy(bucket)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: policy))
        )
    }

    func deleteBucketPolicy(_ request: S3Request, bucket: String) async throws -> Response {
        try await store.setBucketPolicy(bucket, nil)
        return Response(status: .noContent)
    }

    /// Whether the policy makes the bucket public (ACLs aside, as S3 answers it).
    func getBucketPolicyStatus(_ request: S3Request, bucket: String) async throws -> Response {
        let policy = try BucketPolicy.stored(try await existingPolicy(bucket), bucket: bucket)
        return try XMLResponse.make(PolicyStatus(isPublic: policy.isPublic))
    }

    private func existingPolicy(_ bucket: String) async throws -> String {
        guard let policy = try await store.bucket(bucket).policy else {
            throw S3Error(
                "NoSuchBucketPolicy",
                status: .notFound,
                message: "The bucket policy does not exist",
                details: [("BucketName", bucket)]
            )
        }
        return policy
    }
}
