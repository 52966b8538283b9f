import Foundation
import Hummingbird
import ObjectStore
import S3Protocol
import S3RequestXML

extension S3Handler {
    /// DeleteObjects: up to 1000 keys; each failure is reported per key, the others still happen.
    /// - Parameter authorize: throws AccessDenied for a key (and version) the caller may not delete; returns whether the
    ///   caller may also bypass a GOVERNANCE retention of it (as asked by `x-amz-bypass-governance-retention`).
    func deleteObjects(
        _ request: S3Request,
        bucket: String,
        payload: PayloadSigning,
        authorize: (_ key: String, _ versionId: String?) async throws -> Bool
    ) async throws -> Response {
        let document = try await readDocument(Delete.self, request, payload: payload)
        // The decoder refuses more than 1000 objects before building them; checked again where it matters.
        guard !document.objects.isEmpty, document.objects.count <= Delete.maxObjects else { throw S3Error.malformedXML() }
        _ = try await store.bucket(bucket)
        var deleted: [DeleteResult.Deleted] = []
        var errors: [DeleteResult.Error] = []
        for object in document.objects {
            do {
                let bypass = try await authorize(object.key, object.versionId)
                let result = try await store.deleteObject(bucket: bucket, key: object.key, versionId: object.versionId, bypassGovernance: bypass)
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
