import Foundation
import XMLCoder

/// The S3 XML bodies the remote adapter reads: ListObjectsV2 results and error documents.
enum S3XML {
    struct ListResult {
        var objects: [StoredObject]
        var isTruncated: Bool
        var nextContinuationToken: String?
    }

    private struct ListBucketResult: Decodable {
        var IsTruncated: Bool?
        var NextContinuationToken: String?
        var Contents: [Contents]?

        struct Contents: Decodable {
            var Key: String
            var ETag: String?
            var Size: Int64?
            var LastModified: String?
        }
    }

    static func listBucketResult(_ body: [UInt8]) throws -> ListResult {
        let result: ListBucketResult
        do {
            result = try XMLDecoder().decode(ListBucketResult.self, from: Data(body))
        } catch {
            throw StorageError(code: "MalformedResponse", message: "The storage answered a listing that is not a ListBucketResult: \(error)")
        }
        let objects = (result.Contents ?? []).map { entry in
            StoredObject(
                key: entry.Key,
                etag: unquoted(entry.ETag ?? ""),
                size: entry.Size ?? 0,
                lastModified: entry.LastModified.flatMap(date) ?? Date(timeIntervalSince1970: 0)
            )
        }
        return ListResult(objects: objects, isTruncated: result.IsTruncated ?? false, nextContinuationToken: result.NextContinuationToken)
    }

    /// The StorageError an S3 error document describes: `Code`, `Message`, and every other child element as a detail
    /// (`KMSKeyId`, `Principal`, `Key`, `Resource`, `RequestId`...). A body that is not one keeps the HTTP status.
    static func storageError(status: Int, body: [UInt8]) -> StorageError {
        guard var fields = try? XMLDecoder().decode([String: String].self, from: Data(body)) else {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
            return StorageError(code: "HTTP\(status)", message: text.isEmpty ? "The storage answered HTTP \(status)" : text, httpStatus: status)
        }
        let code = fields.removeValue(forKey: "Code") ?? "HTTP\(status)"
        let message = fields.removeValue(forKey: "Message") ?? ""
        return StorageError(code: code, message: message, httpStatus: status, details: fields)
    }

    private static func unquoted(_ etag: String) -> String {
        etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
    }

    /// S3 writes `2009-10-12T17:50:30.000Z`; some servers leave out the fraction.
    private static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
