import Foundation
import Hummingbird
import ObjectStore
import S3Protocol

extension S3Handler {
    /// DeleteObjects: up to 1000 keys; each failure is reported per key, the others still happen.
    /// - Parameter authorize: throws AccessDenied for a key (and version) the caller may not delete.
    func deleteObjects(
        _ request: S3Request,
        bucket: String,
        payload: PayloadSigning,
        authorize: (_ key: String, _ versionId: String?) async throws -> Void
    ) async throws -> Response {
        let body = try await readSmallBody(request, payload: payload)
        let document = try S3XML.decode(Delete.self, from: body)
        guard !document.objects.isEmpty, document.objects.count <= 1000 else { throw S3Error.malformedXML() }
        _ = try await store.bucket(bucket)
        var deleted: [DeleteResult.Deleted] = []
        var errors: [DeleteResult.Error] = []
        for object in document.objects {
            do {
                try await authorize(object.key, object.versionId)
                let result = try await store.deleteObject(bucket: bucket, key: object.key, versionId: object.versionId)
                deleted.append(
                    .init(
                        key: object.key,
                        versionId: object.versionId,
                        deleteMarker: result.isDeleteMarker ? true : nil,
                        deleteMarkerVersionId: result.isDeleteMarker ? result.versionId : nil
                    )
                )
            } catch {
                let s3Error = S3Error(error, resource: "/\(bucket)/\(object.key)")
                if s3Error.status == .internalServerError { throw error }
                errors.append(.init(key: object.key, versionId: object.versionId, code: s3Error.code, message: s3Error.message))
            }
        }
        return try XMLResponse.make(DeleteResult(deleted: document.quiet == true ? [] : deleted, errors: errors))
    }
}
