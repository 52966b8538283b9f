import Foundation
import Hummingbird
import ObjectStore

/// ListObjects (v1 and v2) and ListObjectVersions.
extension S3Handler {
    func listObjectsV1(_ request: S3Request, bucket: String) async throws -> Response {
        let listing = try ListingParameters(request)
        let (prefix, delimiter) = (listing.prefix, listing.delimiter)
        let marker = request.queryValue("marker") ?? ""
        let maxKeys = try ListingParameters.limit(request, name: "max-keys")
        let page = try await store.listObjects(
            bucket: bucket,
            query: ListQuery(prefix: prefix, delimiter: delimiter, after: marker.isEmpty ? nil : marker, maxKeys: maxKeys)
        )
        let bucketOwner = try await store.bucket(bucket).owner
        let encode = listing.encode
        let result = ListBucketResult(
            name: bucket,
            // ListObjects (v1) returns the prefix as sent even with encoding-type=url (botocore decodes it only in v2).
            prefix: prefix,
            marker: encode(marker),
            // S3 sends NextMarker only with a delimiter; without one clients continue from the last key.
            nextMarker: page.isTruncated && delimiter != nil ? page.lastReturned.map(encode) : nil,
            maxKeys: maxKeys,
            delimiter: delimiter.map(encode),
            isTruncated: page.isTruncated,
            encodingType: listing.encodingType,
            contents: page.objects.map { listEntry($0, owner: Owner(principal: $0.owner ?? bucketOwner), encode: encode) },
            commonPrefixes: page.commonPrefixes.map { CommonPrefix(prefix: encode($0)) }
        )
        return try XMLResponse.make(result)
    }

    func listObjectsV2(_ request: S3Request, bucket: String) async throws -> Response {
        let listing = try ListingParameters(request)
        let (prefix, delimiter) = (listing.prefix, listing.delimiter)
        let maxKeys = try ListingParameters.limit(request, name: "max-keys")
        let startAfter = request.queryValue("start-after")
        let continuationToken = request.queryValue("continuation-token")
        let after: String?
        if let continuationToken {
            guard let decoded = ContinuationToken.decode(continuationToken) else {
                throw S3Error.invalidArgument("The continuation token provided is incorrect", name: "continuation-token", value: continuationToken)
            }
            after = decoded
        } else {
            after = startAfter.flatMap { $0.isEmpty ? nil : $0 }
        }
        let page = try await store.listObjects(
            bucket: bucket,
            query: ListQuery(prefix: prefix, delimiter: delimiter, after: after, maxKeys: maxKeys)
        )
        let fetchOwner = request.queryValue("fetch-owner")?.lowercased() == "true"
        let bucketOwner = try await store.bucket(bucket).owner
        let encode = listing.encode
        let result = ListBucketResultV2(
            name: bucket,
            prefix: encode(prefix),
            maxKeys: maxKeys,
            keyCount: page.objects.count + page.commonPrefixes.count,
            delimiter: delimiter.map(encode),
            isTruncated: page.isTruncated,
            continuationToken: continuationToken,
            nextContinuationToken: page.isTruncated ? page.lastReturned.map(ContinuationToken.encode) : nil,
            startAfter: startAfter.map(encode),
            encodingType: listing.encodingType,
            contents: page.objects.map { listEntry($0, owner: fetchOwner ? Owner(principal: $0.owner ?? bucketOwner) : nil, encode: encode) },
            commonPrefixes: page.commonPrefixes.map { CommonPrefix(prefix: encode($0)) }
        )
        return try XMLResponse.make(result)
    }

    func listObjectVersions(_ request: S3Request, bucket: String) async throws -> Response {
        let listing = try ListingParameters(request)
        let (prefix, delimiter) = (listing.prefix, listing.delimiter)
        let keyMarker = request.queryValue("key-marker") ?? ""
        let versionIdMarker = request.queryValue("version-id-marker") ?? ""
        let maxKeys = try ListingParameters.limit(request, name: "max-keys")
        let page = try await store.listObjectVersions(
            bucket: bucket,
            query: VersionListQuery(
                prefix: prefix,
                delimiter: delimiter,
                keyMarker: keyMarker.isEmpty ? nil : keyMarker,
                versionIdMarker: versionIdMarker.isEmpty ? nil : versionIdMarker,
                maxKeys: maxKeys
            )
        )
        let encode = listing.encode
        let bucketOwner = try await store.bucket(bucket).owner
        let entries: [ListVersionsResult.Entry] = page.versions.map { version in
            let owner = Owner(principal: version.owner ?? bucketOwner)
            if version.isDeleteMarker {
                return .deleteMarker(
                    .init(
                        key: encode(version.key),
                        versionId: version.versionId,
                        isLatest: version.isLatest,
                        lastModified: version.lastModified,
                        owner: owner
                    )
                )
            }
            return .version(
                .init(
                    key: encode(version.key),
                    versionId: version.versionId,
                    isLatest: version.isLatest,
                    lastModified: version.lastModified,
                    etag: ObjectHeaders.quoted(version.etag),
                    size: version.size,
                    storageClass: StorageClass.presented(version.attributes.storageClass),
                    owner: owner
                )
            )
        }
        let result = ListVersionsResult(
            name: bucket,
            prefix: encode(prefix),
            keyMarker: encode(keyMarker),
            versionIdMarker: versionIdMarker,
            nextKeyMarker: page.isTruncated ? page.nextKeyMarker.map(encode) : nil,
            nextVersionIdMarker: page.isTruncated ? page.nextVersionIdMarker : nil,
            maxKeys: maxKeys,
            delimiter: delimiter.map(encode),
            isTruncated: page.isTruncated,
            encodingType: listing.encodingType,
            entries: entries,
            commonPrefixes: page.commonPrefixes.map { CommonPrefix(prefix: encode($0)) }
        )
        return try XMLResponse.make(result)
    }

    private func listEntry(_ version: ObjectVersion, owner: Owner?, encode: (String) -> String) -> ListedObject {
        ListedObject(
            key: encode(version.key),
            lastModified: version.lastModified,
            etag: ObjectHeaders.quoted(version.etag),
            size: version.size,
            storageClass: StorageClass.presented(version.attributes.storageClass),
            owner: owner,
            checksumAlgorithm: version.attributes.checksums.keys.sorted().first
        )
    }
}

/// ListObjectsV2 continuation tokens: the last key or common prefix of the previous page, opaque to clients.
enum ContinuationToken {
    static func encode(_ lastReturned: String) -> String {
        Data(lastReturned.utf8).base64EncodedString()
    }

    static func decode(_ token: String) -> String? {
        Data(base64Encoded: token).flatMap { String(data: $0, encoding: .utf8) }
    }
}
