import NIOHTTP1

extension S3ObjectStorage {
    /// PutObject; the storage applies the bucket's default encryption.
    public func writeObject(bucket: String, key: String, bytes: [UInt8], contentType: String) async throws {
        _ = try await send(.PUT, pathSegments: Self.segments(bucket, key), body: bytes, headers: [("content-type", contentType)], maxBytes: 1024 * 1024)
    }

    /// DeleteObject: `x-amz-delete-marker: true` with `x-amz-version-id` when the bucket keeps versions.
    public func deleteObject(bucket: String, key: String) async throws -> String? {
        let (headers, _) = try await exchange(.DELETE, pathSegments: Self.segments(bucket, key), maxBytes: 1024 * 1024)
        guard headers.first(name: "x-amz-delete-marker") == "true", let versionId = headers.first(name: "x-amz-version-id"),
            versionId != "null"
        else { return nil }
        return versionId
    }

    /// GetBucketVersioning: `<Status>Enabled</Status>`; no status at all for a bucket that never had versioning.
    public func isVersioningEnabled(bucket: String) async throws -> Bool? {
        let body = try await send(.GET, pathSegments: [bucket], query: [("versioning", "")], maxBytes: 64 * 1024)
        guard let root = S3XML.Element.parse(body), root.name == "VersioningConfiguration" else {
            throw StorageError(code: "MalformedResponse", message: "The storage answered a versioning configuration obslab cannot read")
        }
        return root.text(of: "Status") == "Enabled"
    }

    /// The path segments of an object: its bucket, then its key split at `/` (each segment is percent-encoded alone).
    static func segments(_ bucket: String, _ key: String) -> [String] {
        [bucket] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}
