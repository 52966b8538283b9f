extension ObjectStore {
    /// ListObjects: the latest versions that are not delete markers, grouped by the delimiter.
    /// - Throws: NoSuchBucket.
    public func listObjects(bucket: String, query: ListQuery) async throws -> ListPage {
        try await catalog.listObjects(bucket: bucket, query: query)
    }

    /// ListObjectVersions: every version and delete marker, by key, newest first within a key.
    /// - Throws: NoSuchBucket.
    public func listObjectVersions(bucket: String, query: VersionListQuery) async throws -> VersionListPage {
        try await catalog.listObjectVersions(bucket: bucket, query: query)
    }

    /// ListMultipartUploads: pending uploads by key, then by initiation.
    /// - Throws: NoSuchBucket.
    public func listMultipartUploads(bucket: String, query: UploadListQuery) async throws -> UploadListPage {
        try await catalog.listMultipartUploads(bucket: bucket, query: query)
    }
}
