import HTTPTypes
import KeyManagement
import NIOCore
import ObjectStore
import S3Protocol

/// Reading request bodies: large ones are staged by the store while streaming, small XML ones collected in memory.
extension S3Handler {
    /// A body staged in the store and verified, with the checksums to keep next to the object.
    struct StagedUpload {
        let staged: StagedBlob
        let checksums: [String: String]
    }

    /// Where a staged body goes: a whole object (encrypted as asked), or a part of an upload (encrypted as the upload is).
    enum StagingTarget {
        case object(EncryptionRequest?)
        case part(bucket: String, key: String, uploadId: String, access: ReadAccess)
    }

    func stageBody(_ request: S3Request, caller: Caller, target: StagingTarget) async throws -> StagedUpload {
        let body = try VerifiedBody(request, payload: caller.payload)
        let staged =
            switch target {
            case .object(let encryption):
                try await store.stage(body, encryption: encryption, principal: caller.principal)
            case .part(let bucket, let key, let uploadId, let access):
                try await store.stagePart(body, bucket: bucket, key: key, uploadId: uploadId, access: access)
            }
        guard let result = body.outcome.result else {
            // The store consumed the body to its end, so verification has run; this cannot happen silently.
            await store.discard(staged)
            throw S3Error.internalError
        }
        let checksums = Dictionary(uniqueKeysWithValues: result.checksums.map { ($0.key.rawValue, $0.value) })
        return StagedUpload(staged: staged, checksums: checksums)
    }

    /// Request documents (DeleteObjects, CompleteMultipartUpload, configurations) are small; anything larger is refused.
    func readSmallBody(_ request: S3Request, payload: PayloadSigning, limit: Int = 8 * 1024 * 1024) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in try VerifiedBody(request, payload: payload) {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw S3Error("MaxMessageLengthExceeded", status: .badRequest, message: "Your request was too big.")
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}
