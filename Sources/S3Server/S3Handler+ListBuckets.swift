import Foundation
import HTTPTypes
import Hummingbird
import ObjectStore

/// ListBuckets: the caller's own buckets by name, paged as each dialect pages them.
extension S3Handler {
    /// S3 pages with `max-buckets` (1...10000) and `continuation-token`, filters by `prefix` and `bucket-region` (obslab
    /// has one region) and lists each bucket's `BucketRegion`. OBS pages with `marker` and `max-keys`, lists `BucketType`
    /// (`POSIX` for a parallel file system, `OBJECT` otherwise), which `x-obs-bucket-type` filters by, and each bucket's
    /// `Location` when `x-obs-location: true` asks for it.
    func listBuckets(_ request: S3Request, caller: Caller) async throws -> Response {
        let obs = Dialect.current == .obs
        let page = obs ? try Self.obsPage(request) : try Self.s3Page(request)
        var buckets = try await store.listBuckets(owner: caller.principal).filter { bucket in
            (page.after.map { bucket.name > $0 } ?? true) && (page.prefix.map { bucket.name.hasPrefix($0) } ?? true)
        }
        if let region = request.queryValue("bucket-region"), region != configuration.region { buckets = [] }
        if obs, let type = request.header("x-amz-bucket-type")?.uppercased() {
            buckets = buckets.filter { Self.obsBucketType($0) == type }
        }
        let listed = page.limit.map { Array(buckets.prefix($0)) } ?? buckets
        let isTruncated = listed.count < buckets.count
        let withLocation = request.header("x-amz-location")?.lowercased() == "true"
        var result = ListAllMyBucketsResult(
            owner: Owner(principal: caller.principal),
            buckets: listed.map {
                ListAllMyBucketsResult.Bucket(
                    name: $0.name,
                    creationDate: $0.creationDate,
                    bucketRegion: obs ? nil : configuration.region,
                    location: obs && withLocation ? configuration.region : nil,
                    bucketType: obs ? Self.obsBucketType($0) : nil
                )
            }
        )
        if obs {
            result.marker = page.after
            result.maxKeys = page.limit
            result.isTruncated = page.limit == nil ? nil : isTruncated
            result.nextMarker = isTruncated ? listed.last?.name : nil
        } else {
            result.continuationToken = isTruncated ? listed.last.map { ContinuationToken.encode($0.name) } : nil
            result.prefix = page.prefix
        }
        return try XMLResponse.make(result)
    }

    /// OBS's `BucketType`: `POSIX` for a parallel file system.
    private static func obsBucketType(_ bucket: Bucket) -> String {
        bucket.isFileSystem ? "POSIX" : "OBJECT"
    }

    /// Where a page of buckets starts, how long it is and which names it keeps.
    private struct BucketPage {
        var after: String?
        var limit: Int?
        var prefix: String?
    }

    private static func bucketLimit(_ request: S3Request, name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = request.queryValue(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw S3Error.invalidArgument(
                "Argument \(name) must be an integer between \(range.lowerBound) and \(range.upperBound).",
                name: name,
                value: text
            )
        }
        return value
    }

    private static func s3Page(_ request: S3Request) throws -> BucketPage {
        let after = try request.queryValue("continuation-token").map { token in
            guard let name = ContinuationToken.decode(token) else {
                throw S3Error.invalidArgument("The continuation token provided is incorrect", name: "continuation-token", value: token)
            }
            return name
        }
        let limit = try bucketLimit(request, name: "max-buckets", range: 1...10_000)
        return BucketPage(after: after, limit: limit, prefix: request.queryValue("prefix"))
    }

    private static func obsPage(_ request: S3Request) throws -> BucketPage {
        let limit = try bucketLimit(request, name: "max-keys", range: 1...1000)
        return BucketPage(after: request.queryValue("marker").flatMap { $0.isEmpty ? nil : $0 }, limit: limit)
    }
}
