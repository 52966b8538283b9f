import Foundation
import Labeling
import S3Client
import S3Documents
import Synchronization

/// Reads any S3 server (obslab, moto_server, a cluster) over HTTP with the labeling service's own keys, through
/// `S3Client`: ListObjectsV2, GetObject, PutObject and DeleteObject, path-style addressing.
public final class S3ObjectStorage: ObjectStorage {
    let client: S3Client
    public var endpoint: URL { client.endpoint }
    /// The continuation token that follows the last page listed under each bucket and prefix, keyed by that
    /// page's last key: paging goes on with the server's token, and any other `startAfter` with `start-after`.
    private let continuations = Mutex<[ListingCursor: String]>([:])

    private struct ListingCursor: Hashable {
        var bucket: String
        var prefix: String
        var lastKey: String
    }

    /// - Throws: `StorageError` (`InvalidEndpoint`) when `endpoint` has no host.
    public init(endpoint: URL, accessKey: String, secretKey: String, region: String = "us-east-1") throws {
        do {
            client = try S3Client(endpoint: endpoint, accessKey: accessKey, secretKey: secretKey, region: region)
        } catch let error as S3ClientError {
            throw Self.storageError(error)
        }
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, maxKeys: Int) async throws -> ObjectListing {
        let token = startAfter.flatMap { key in
            continuations.withLock { $0.removeValue(forKey: ListingCursor(bucket: bucket, prefix: prefix, lastKey: key)) }
        }
        let page = try await Self.translatingErrors {
            try await client.listObjectsV2(bucket: bucket, prefix: prefix, startAfter: startAfter, continuationToken: token, maxKeys: maxKeys)
        }
        let objects = page.contents.map {
            StoredObject(key: $0.key, etag: $0.unquotedETag, size: $0.size, lastModified: $0.lastModified)
        }
        if page.isTruncated, let token = page.nextContinuationToken, let last = objects.last?.key {
            continuations.withLock { $0[ListingCursor(bucket: bucket, prefix: prefix, lastKey: last)] = token }
        }
        return ObjectListing(objects: objects, isTruncated: page.isTruncated)
    }

    public func readObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8] {
        do {
            return try await client.getObject(bucket: bucket, key: key, maxBytes: maxBytes)
        } catch let error as S3ClientError where error.code == S3ClientError.responseTooLargeCode {
            throw StorageError.tooLarge(bucket: bucket, key: key, maxBytes: maxBytes)
        } catch let error as S3ClientError {
            throw Self.storageError(error)
        }
    }

    /// Runs `body`, turning the client's errors into the storage errors the labeling layer reads.
    static func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as S3ClientError {
            throw storageError(error)
        }
    }

    /// The same code, message, status and details: a storage error is what the storage answered.
    static func storageError(_ error: S3ClientError) -> StorageError {
        StorageError(code: error.code, message: error.message, httpStatus: error.status, details: error.details)
    }
}
