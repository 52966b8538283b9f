import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

/// Bucket operations: CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, versioning.
extension S3Handler {
    /// Whether a CreateBucket of one's own bucket answers 200: S3's rule in us-east-1 only (OBS always refuses it).
    private var answersOwnBucketWithSuccess: Bool {
        Dialect.current == .s3 && configuration.region == "us-east-1"
    }

    /// The new bucket belongs to the caller, with the ACL its `x-amz-acl` or grant headers ask for.
    func createBucket(_ request: S3Request, bucket: String, caller: Caller) async throws -> Response {
        // Only checks that the document is well formed: every location constraint is accepted locally.
        _ = try await readDocumentIfPresent(CreateBucketConfiguration.self, request, payload: caller.payload)
        let acl = try await headerACL(request, owner: caller.principal, bucketOwner: caller.principal)
        // `x-amz-bucket-object-lock-enabled: true` (OBS: `x-obs-…`) enables Object Lock, and with it versioning.
        let objectLock = request.headers[.amzBucketObjectLockEnabled]?.lowercased() == "true"
        // OBS's `x-obs-fs-file-interface: Enabled` makes a parallel file system.
        let fileSystem = request.headers[.amzFSFileInterface]?.lowercased() == "enabled"
        do {
            _ = try await store.createBucket(
                bucket,
                owner: caller.principal,
                acl: acl?.document,
                objectLock: objectLock,
                fileSystem: fileSystem
            )
        } catch let error as StoreError where error.code == .bucketAlreadyOwnedByYou && answersOwnBucketWithSuccess {
            // S3's legacy rule: in us-east-1 creating a bucket you own answers 200 and changes nothing.
        }
        return Response(status: .ok, headers: [.location: "/\(bucket)"])
    }

    func headBucket(_ request: S3Request, bucket: String) async throws -> Response {
        let found = try await store.bucket(bucket)
        var headers: HTTPFields = [.amzBucketRegion: configuration.region]
        if found.isFileSystem { headers[.amzFSFileInterface] = "Enabled" }
        return Response(status: .ok, headers: headers)
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
        let configuration = try await readDocument(VersioningConfiguration.self, request, payload: payload)
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
