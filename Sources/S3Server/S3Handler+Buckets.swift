import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol

/// Service and bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, versioning.
extension S3Handler {
    /// The caller's own buckets, as on S3.
    func listBuckets(_ request: S3Request, caller: Caller) async throws -> Response {
        let buckets = try await store.listBuckets(owner: caller.principal)
        let result = ListAllMyBucketsResult(
            owner: Owner(principal: caller.principal),
            buckets: buckets.map { .init(name: $0.name, creationDate: $0.creationDate) }
        )
        return try XMLResponse.make(result)
    }

    /// The new bucket belongs to the caller, with the ACL its `x-amz-acl` or grant headers ask for.
    func createBucket(_ request: S3Request, bucket: String, caller: Caller) async throws -> Response {
        let body = try await readSmallBody(request, payload: caller.payload)
        // Only checks that the document is well formed: every location constraint is accepted locally.
        _ = try S3XML.decodeIfPresent(CreateBucketConfiguration.self, from: body)
        let acl = try await headerACL(request, owner: caller.principal, bucketOwner: caller.principal)
        _ = try await store.createBucket(bucket, owner: caller.principal, acl: acl?.document)
        return Response(status: .ok, headers: [.location: "/\(bucket)"])
    }

    func headBucket(_ request: S3Request, bucket: String) async throws -> Response {
        _ = try await store.bucket(bucket)
        return Response(status: .ok, headers: [.amzBucketRegion: configuration.region])
    }

    func deleteBucket(_ request: S3Request, bucket: String) async throws -> Response {
        try await store.deleteBucket(bucket)
        return Response(status: .noContent)
    }

    func getBucketLocation(_ request: S3Request, bucket: String) async throws -> Response {
        _ = try await store.bucket(bucket)
        // us-east-1 is reported as an empty constraint, as S3 does.
        let region = configuration.region == "us-east-1" ? nil : configuration.region
        return try XMLResponse.make(LocationConstraint(region: region))
    }

    func getBucketVersioning(_ request: S3Request, bucket: String) async throws -> Response {
        let found = try await store.bucket(bucket)
        let status = found.versioning == .unversioned ? nil : found.versioning.rawValue
        return try XMLResponse.make(VersioningConfiguration(status: status))
    }

    func putBucketVersioning(_ request: S3Request, bucket: String, payload: PayloadSigning) async throws -> Response {
        let body = try await readSmallBody(request, payload: payload)
        let configuration = try S3XML.decode(VersioningConfiguration.self, from: body)
        switch configuration.status {
        case "Enabled": try await store.setVersioning(bucket, .enabled)
        case "Suspended": try await store.setVersioning(bucket, .suspended)
        default: throw S3Error.malformedXML()
        }
        return Response(status: .ok)
    }
}

extension HTTPField.Name {
    static let amzBucketRegion = HTTPField.Name("x-amz-bucket-region")!
}
