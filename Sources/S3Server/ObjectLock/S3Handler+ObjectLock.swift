import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

/// Object Lock (OBS's WORM): the bucket's configuration (`?object-lock`), each version's retention (`?retention`) and
/// legal hold (`?legal-hold`). The store enforces them; a lock given with a write is read by `objectLock(of:bucket:)`.
extension S3Handler {
    func getObjectLockConfiguration(_ request: S3Request, bucket: String) async throws -> Response {
        guard let configuration = try await store.bucket(bucket).objectLock else {
            throw S3Error(
                "ObjectLockConfigurationNotFoundError",
                status: .notFound,
                message: "Object Lock configuration does not exist for this bucket",
                details: [("BucketName", bucket)]
            )
        }
        return try XMLResponse.make(ObjectLockRules.document(of: configuration))
    }

    /// Enables lock on a bucket with versioning enabled (as S3 now allows), or sets its default retention.
    func putObjectLockConfiguration(_ request: S3Request, bucket: String, payload: PayloadSigning) async throws -> Response {
        let document = try await readDocument(ObjectLockConfiguration.self, request, payload: payload)
        try await store.setObjectLock(bucket, try ObjectLockRules(dialect: Dialect.current).configuration(of: document))
        return Response(status: .ok)
    }

    /// A bucket without lock answers InvalidRequest; a version without retention NoSuchObjectLockConfiguration.
    func getObjectRetention(_ request: S3Request, bucket: String, key: String) async throws -> Response {
        let version = try await versionInLockedBucket(request, bucket: bucket, key: key)
        guard let retention = version.attributes.retention else { throw Self.noSuchObjectLockConfiguration() }
        return try XMLResponse.make(Retention(mode: retention.mode.rawValue, retainUntilDate: HTTPDate.iso8601(retention.retainUntil)))
    }

    /// Extending a retention needs `s3:PutObjectRetention` alone; shortening, removing or changing a GOVERNANCE one also
    /// `x-amz-bypass-governance-retention: true` and `s3:BypassGovernanceRetention`; a COMPLIANCE one only extends.
    func putObjectRetention(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        let document = try await readDocument(Retention.self, request, payload: caller.payload)
        let retention = try ObjectLockRules(dialect: Dialect.current).retention(of: document, now: Date())
        let bypass = await bypassesGovernance(request, bucket: try await store.bucket(bucket), key: key, caller: caller)
        let version = try await store.setRetention(
            bucket: bucket,
            key: key,
            versionId: request.queryValue("versionId"),
            retention,
            bypassGovernance: bypass
        )
        return Response(status: .ok, headers: Self.lockVersionHeaders(version))
    }

    func getObjectLegalHold(_ request: S3Request, bucket: String, key: String) async throws -> Response {
        let version = try await versionInLockedBucket(request, bucket: bucket, key: key)
        return try XMLResponse.make(LegalHold(status: version.attributes.legalHold ? "ON" : "OFF"))
    }

    func putObjectLegalHold(_ request: S3Request, bucket: String, key: String, payload: PayloadSigning) async throws -> Response {
        let document = try await readDocument(LegalHold.self, request, payload: payload)
        let on = try ObjectLockRules(dialect: Dialect.current).legalHold(of: document)
        let version = try await store.setLegalHold(bucket: bucket, key: key, versionId: request.queryValue("versionId"), on)
        return Response(status: .ok, headers: Self.lockVersionHeaders(version))
    }

    /// The retention and legal hold a PUT, copy, POST or CreateMultipartUpload asks for with its `x-amz-object-lock-*`
    /// headers, refused before any body is read when the bucket has no lock. The bucket's default retention is applied
    /// by the store, when the version is published.
    static func objectLock(of headers: HTTPFields, bucket: Bucket) throws -> (retention: ObjectRetention?, legalHold: Bool) {
        let (retention, legalHold) = try ObjectLockRules(dialect: Dialect.current).requested(
            mode: headers[.amzObjectLockMode],
            retainUntilDate: headers[.amzObjectLockRetainUntilDate],
            legalHold: headers[.amzObjectLockLegalHold],
            now: Date()
        )
        if (retention != nil || legalHold) && bucket.objectLock == nil {
            throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration")
        }
        return (retention, legalHold)
    }

    /// The lock headers of a version, as HEAD and GET answer them: S3 shows the retention only to callers with
    /// `s3:GetObjectRetention`, the legal hold only to those with `s3:GetObjectLegalHold`.
    func addObjectLockHeaders(of version: ObjectVersion, _ request: S3Request, caller: Caller, to fields: inout HTTPFields) async {
        let attributes = version.attributes
        guard attributes.retention != nil || attributes.legalHold, let bucket = try? await store.bucket(version.bucket) else { return }
        if let retention = attributes.retention, await allows(.getObjectRetention, on: bucket, key: version.key, request, caller: caller) {
            fields[.amzObjectLockMode] = retention.mode.rawValue
            // OBS writes the date to the second (`2015-07-01T04:11:15Z`), S3 with milliseconds.
            let date = HTTPDate.iso8601(retention.retainUntil)
            fields[.amzObjectLockRetainUntilDate] = Dialect.current == .obs ? String(date.dropLast(5)) + "Z" : date
        }
        if attributes.legalHold, await allows(.getObjectLegalHold, on: bucket, key: version.key, request, caller: caller) {
            fields[.amzObjectLockLegalHold] = "ON"
        }
    }

    /// The version `?retention` or `?legal-hold` reads, in a bucket that must have lock.
    private func versionInLockedBucket(_ request: S3Request, bucket: String, key: String) async throws -> ObjectVersion {
        guard try await store.bucket(bucket).objectLock != nil else { throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration") }
        return try await store.headObject(bucket: bucket, key: key, versionId: request.queryValue("versionId"))
    }

    private static func lockVersionHeaders(_ version: ObjectVersion) -> HTTPFields {
        version.versionId == "null" ? [:] : [.amzVersionId: version.versionId]
    }

    private static func noSuchObjectLockConfiguration() -> S3Error {
        S3Error("NoSuchObjectLockConfiguration", status: .notFound, message: "The specified object does not have a ObjectLock configuration")
    }
}

extension ObjectLockConfiguration: S3XMLDocument {}
extension Retention: S3XMLDocument {}
extension LegalHold: S3XMLDocument {}

extension HTTPField.Name {
    static let amzObjectLockMode = HTTPField.Name("x-amz-object-lock-mode")!
    static let amzObjectLockRetainUntilDate = HTTPField.Name("x-amz-object-lock-retain-until-date")!
    static let amzObjectLockLegalHold = HTTPField.Name("x-amz-object-lock-legal-hold")!
    static let amzBucketObjectLockEnabled = HTTPField.Name("x-amz-bucket-object-lock-enabled")!
}
