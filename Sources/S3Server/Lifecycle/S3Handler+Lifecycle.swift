import Foundation
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

/// Bucket lifecycle configuration: PUT, GET and DELETE `?lifecycle`. The rules are applied by `LifecycleService`.
extension S3Handler {
    func putBucketLifecycle(_ request: S3Request, bucket: String, payload: PayloadSigning) async throws -> Response {
        let rules = try LifecycleRules(validating: try await readDocument(LifecycleConfiguration.self, request, payload: payload))
        let document = String(decoding: try JSONEncoder().encode(rules.configuration), as: UTF8.self)
        try await store.setBucketConfiguration(bucket, .lifecycle, document)
        return Response(status: .ok)
    }

    func getBucketLifecycle(_ request: S3Request, bucket: String) async throws -> Response {
        guard let document = try await store.bucketConfiguration(bucket, .lifecycle) else {
            throw S3Error(
                "NoSuchLifecycleConfiguration",
                status: .notFound,
                message: "The lifecycle configuration does not exist",
                details: [("BucketName", bucket)]
            )
        }
        return try XMLResponse.make(try JSONDecoder().decode(LifecycleConfiguration.self, from: Data(document.utf8)))
    }

    func deleteBucketLifecycle(_ request: S3Request, bucket: String) async throws -> Response {
        try await store.setBucketConfiguration(bucket, .lifecycle, nil)
        return Response(status: .noContent)
    }
}

extension LifecycleConfiguration: S3XMLDocument {}
