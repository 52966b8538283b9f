import NIOHTTP1
import S3Documents
import S3Protocol

/// Object operations: ListObjectsV2, GetObject, HeadObject, PutObject, CopyObject, DeleteObject.
extension S3Client {
    /// One page of ListObjectsV2: after `continuationToken` if given, else after `startAfter`.
    public func listObjectsV2(
        bucket: String,
        prefix: String,
        startAfter: String? = nil,
        continuationToken: String? = nil,
        maxKeys: Int = 1000
    ) async throws -> ListBucketResultV2 {
        var query = [("list-type", "2"), ("max-keys", String(maxKeys)), ("prefix", prefix)]
        if let continuationToken {
            query.append(("continuation-token", continuationToken))
        } else if let startAfter {
            query.append(("start-after", startAfter))
        }
        let response = try await execute(.GET, path: [bucket], query: query, maxBytes: 64 * 1024 * 1024).checked()
        return try S3ClientXML.decode(ListBucketResultV2.self, from: response.body, status: response.status)
    }

    /// Every object under `prefix`, in key order, page after page.
    public func listAllObjects(bucket: String, prefix: String) async throws -> [ListedObject] {
        var objects: [ListedObject] = []
        var token: String?
        repeat {
            let page = try await listObjectsV2(bucket: bucket, prefix: prefix, continuationToken: token)
            objects += page.contents
            token = page.isTruncated ? page.nextContinuationToken : nil
        } while token != nil
        return objects
    }

    /// The bytes of an object; more than `maxBytes` throws `ResponseTooLarge`.
    public func getObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8] {
        try await execute(.GET, path: Self.objectPath(bucket: bucket, key: key), maxBytes: maxBytes).checked().body
    }

    /// HeadObject's answer, whatever its status (a HEAD error has no body to explain itself).
    public func headObject(
        bucket: String,
        key: String,
        versionId: String? = nil,
        headers: [(name: String, value: String)] = []
    ) async throws -> S3Response {
        let query = versionId.map { [("versionId", $0)] } ?? []
        return try await execute(.HEAD, path: Self.objectPath(bucket: bucket, key: key), query: query, headers: headers)
    }

    public func putObject(bucket: String, key: String, body: [UInt8], contentType: String) async throws {
        try await execute(.PUT, path: Self.objectPath(bucket: bucket, key: key), headers: [("content-type", contentType)], body: body).checked()
    }

    /// CopyObject from `source` to `bucket/key`; `headers` add the metadata directive and what goes with it.
    public func copyObject(
        from source: (bucket: String, key: String),
        to bucket: String,
        key: String,
        headers: [(name: String, value: String)] = []
    ) async throws {
        let copySource = "/" + Self.objectPath(bucket: source.bucket, key: source.key).map { PercentEncoding.uriEncode($0) }.joined(separator: "/")
        let response = try await execute(
            .PUT,
            path: Self.objectPath(bucket: bucket, key: key),
            headers: [("x-amz-copy-source", copySource)] + headers
        )
        try response.checked()
        // A copy can fail after its 200 has been sent: S3 then answers an `Error` body with the 200.
        if let error = Self.errorInSuccess(response) { throw error }
    }

    /// DeleteObject: when the bucket keeps versions, the delete marker's version id (`x-amz-version-id` with
    /// `x-amz-delete-marker: true`), which brings the object back once deleted.
    public func deleteObject(bucket: String, key: String) async throws -> String? {
        let response = try await execute(.DELETE, path: Self.objectPath(bucket: bucket, key: key)).checked()
        guard response.header("x-amz-delete-marker") == "true", let versionId = response.header("x-amz-version-id"), versionId != "null" else {
            return nil
        }
        return versionId
    }

    private static func errorInSuccess(_ response: S3Response) -> S3ClientError? {
        guard S3ClientXML.rootElement(of: response.body)?.name == S3ErrorDocument.rootElement else { return nil }
        return response.error
    }
}
