import GRDB

/// The three S3 listings, each page one read transaction.
extension ObjectCatalog {
    /// ListObjects: the latest versions that are not delete markers, grouped by the delimiter.
    func listObjects(bucket: String, query: ListQuery) async throws -> ListPage {
        try await writer.read { db in
            _ = try Self.fetchBucket(db, bucket)
            let pager = ListingPager(prefix: query.prefix, delimiter: query.delimiter, maxKeys: query.maxKeys)
            let page = try pager.page(after: query.after.map { .key($0) }, key: \ObjectVersionRecord.key) { bound, upperBound, limit in
                var sql = "SELECT * FROM objectVersion WHERE bucket = ? AND isLatest AND NOT isDeleteMarker"
                var arguments: StatementArguments = [bucket]
                switch bound {
                case .atKey(let key):
                    sql += " AND key >= ?"
                    arguments += [key]
                case .afterKey(let key):
                    sql += " AND key > ?"
                    arguments += [key]
                case .afterItem(let record):
                    sql += " AND key > ?"
                    arguments += [record.key]
                }
                if let upperBound {
                    sql += " AND key < ?"
                    arguments += [upperBound]
                }
                sql += " ORDER BY key LIMIT ?"
                arguments += [limit]
                return try ObjectVersionRecord.fetchListing(db, sql: sql, arguments: arguments)
            }
            var last: String?
            switch page.entries.last {
            case .item(let record): last = record.key
            case .commonPrefix(let prefix): last = prefix
            case nil: break
            }
            return ListPage(
                objects: page.items.map(\.version),
                commonPrefixes: page.commonPrefixes,
                isTruncated: page.isTruncated,
                lastReturned: last
            )
        }
    }

    /// ListObjectVersions: every version and delete marker, by key, newest first within a key.
    func listObjectVersions(bucket: String, query: VersionListQuery) async throws -> VersionListPage {
        try await writer.read { db in
            _ = try Self.fetchBucket(db, bucket)
            var marker: ListingPager.Marker<ObjectVersionRecord>?
            if let keyMarker = query.keyMarker {
                marker = .key(keyMarker)
                if let versionIdMarker = query.versionIdMarker, !versionIdMarker.isEmpty,
                    let record = try Self.fetchVersion(db, bucket: bucket, key: keyMarker, versionId: versionIdMarker)
                {
                    marker = .item(record)
                }
            }
            let pager = ListingPager(prefix: query.prefix, delimiter: query.delimiter, maxKeys: query.maxKeys)
            let page = try pager.page(after: marker, key: \ObjectVersionRecord.key) { bound, upperBound, limit in
                func fetch(_ condition: String, _ arguments: StatementArguments, order: String, limit: Int) throws -> [ObjectVersionRecord] {
                    var sql = "SELECT * FROM objectVersion WHERE bucket = ? AND \(condition)"
                    var arguments: StatementArguments = [bucket] + arguments
                    if let upperBound {
                        sql += " AND key < ?"
                        arguments += [upperBound]
                    }
                    sql += " ORDER BY \(order) LIMIT ?"
                    arguments += [limit]
                    return try ObjectVersionRecord.fetchListing(db, sql: sql, arguments: arguments)
                }
                switch bound {
                case .atKey(let key):
                    return try fetch("key >= ?", [key], order: "key, id DESC", limit: limit)
                case .afterKey(let key):
                    return try fetch("key > ?", [key], order: "key, id DESC", limit: limit)
                case .afterItem(let record):
                    let older = try fetch("key = ? AND id < ?", [record.key, record.id], order: "id DESC", limit: limit)
                    if older.count == limit { return older }
                    return older + (try fetch("key > ?", [record.key], order: "key, id DESC", limit: limit - older.count))
                }
            }
            var result = VersionListPage(
                versions: page.items.map(\.version),
                commonPrefixes: page.commonPrefixes,
                isTruncated: page.isTruncated
            )
            (result.nextKeyMarker, result.nextVersionIdMarker) = page.nextMarkers(key: \.key, id: \.versionId)
            return result
        }
    }

    /// ListMultipartUploads: pending uploads by key, then by initiation.
    func listMultipartUploads(bucket: String, query: UploadListQuery) async throws -> UploadListPage {
        try await writer.read { db in
            _ = try Self.fetchBucket(db, bucket)
            var marker: ListingPager.Marker<MultipartUploadRecord>?
            if let keyMarker = query.keyMarker {
                marker = .key(keyMarker)
                if let uploadIdMarker = query.uploadIdMarker, !uploadIdMarker.isEmpty,
                    let record = try MultipartUploadRecord.fetchOne(
                        db,
                        sql: "SELECT * FROM multipartUpload WHERE bucket = ? AND key = ? AND uploadId = ?",
                        arguments: [bucket, keyMarker, uploadIdMarker]
                    )
                {
                    marker = .item(record)
                }
            }
            let pager = ListingPager(prefix: query.prefix, delimiter: query.delimiter, maxKeys: query.maxUploads)
            let page = try pager.page(after: marker, key: \MultipartUploadRecord.key) { bound, upperBound, limit in
                func fetch(_ condition: String, _ arguments: StatementArguments, limit: Int) throws -> [MultipartUploadRecord] {
                    var sql = "SELECT * FROM multipartUpload WHERE bucket = ? AND \(condition)"
                    var arguments: StatementArguments = [bucket] + arguments
                    if let upperBound {
                        sql += " AND key < ?"
                        arguments += [upperBound]
                    }
                    sql += " ORDER BY key, id LIMIT ?"
                    arguments += [limit]
                    return try MultipartUploadRecord.fetchAll(db, sql: sql, arguments: arguments)
                }
                switch bound {
                case .atKey(let key):
                    return try fetch("key >= ?", [key], limit: limit)
                case .afterKey(let key):
                    return try fetch("key > ?", [key], limit: limit)
                case .afterItem(let record):
                    let later = try fetch("key = ? AND id > ?", [record.key, record.id], limit: limit)
                    if later.count == limit { return later }
                    return later + (try fetch("key > ?", [record.key], limit: limit - later.count))
                }
            }
            var result = UploadListPage(
                uploads: page.items.map(\.upload),
                commonPrefixes: page.commonPrefixes,
                isTruncated: page.isTruncated
            )
            (result.nextKeyMarker, result.nextUploadIdMarker) = page.nextMarkers(key: \.key, id: \.uploadId)
            return result
        }
    }
}
