import HTTPTypes
import KeyManagement
import NIOCore
import ObjectStore
import S3Protocol
import S3RequestXML

/// Reading request bodies: large ones are staged by the store while streaming, small XML ones collected in memory.
extension S3Handler {
    /// A body staged in the store and verified, with the checksums to keep next to the object.
    struct StagedUpload {
        let staged: StagedBlob
        let checksums: [String: String]
    }

    /// Where a staged body goes: a whole object (encrypted as asked), a part of an upload (encrypted as the upload is), or
    /// the end of an appendable object (encrypted as the object is).
    enum StagingTarget {
        case object(EncryptionRequest?)
        case part(bucket: String, key: String, uploadId: String, access: ReadAccess)
        case append(to: ObjectVersion, access: ReadAccess)
    }

    func stageBody(
        _ request: S3Request,
        caller: Caller,
        target: StagingTarget,
        alsoCompute: Set<ChecksumAlgorithm> = []
    ) async throws -> StagedUpload {
        if let declared = Self.declaredLength(request, payload: caller.payload), declared > VerifiedBody.maxBytes {
            throw S3Error.entityTooLarge(proposed: declared)
        }
        let body = try VerifiedBody(request, payload: caller.payload, alsoCompute: alsoCompute)
        let staged =
            switch target {
            case .object(let encryption):
                try await store.stage(body, encryption: encryption, principal: caller.principal)
            case .part(let bucket, let key, let uploadId, let access):
                try await store.stagePart(body, bucket: bucket, key: key, uploadId: uploadId, access: access)
            case .append(let version, let access):
                try await store.stageAppend(body, to: version, access: access)
            }
        guard let result = body.outcome.result else {
            // The store consumed the body to its end, so verification has run; this cannot happen silently.
            await store.discard(staged)
            throw S3Error.internalError
        }
        let checksums = Dictionary(uniqueKeysWithValues: result.checksums.map { ($0.key.rawValue, $0.value) })
        return StagedUpload(staged: staged, checksums: checksums)
    }

    /// Reads and decodes a request document (DeleteObjects, CompleteMultipartUpload, a configuration) within its limits.
    func readDocument<T: RequestDocument>(_ type: T.Type, _ request: S3Request, payload: PayloadSigning) async throws -> T {
        try S3XML.decode(type, from: try await readSmallBody(request, payload: payload, limit: T.limits.maxBytes))
    }

    /// Like `readDocument`, but an empty body gives `nil` (the optional `CreateBucketConfiguration`).
    func readDocumentIfPresent<T: RequestDocument>(_ type: T.Type, _ request: S3Request, payload: PayloadSigning) async throws -> T? {
        try S3XML.decodeIfPresent(type, from: try await readSmallBody(request, payload: payload, limit: T.limits.maxBytes))
    }

    /// Collects a small body in memory, refusing one over `limit` bytes (`MaxMessageLengthExceeded`): from its declared
    /// length before reading anything when it has one, else as soon as it grows past the limit.
    func readSmallBody(_ request: S3Request, payload: PayloadSigning, limit: Int = 1 << 20) async throws -> [UInt8] {
        if let declared = Self.declaredLength(request, payload: payload), declared > limit { throw S3Error.maxMessageLengthExceeded() }
        var bytes: [UInt8] = []
        for try await buffer in try VerifiedBody(request, payload: payload) {
            guard bytes.count + buffer.readableBytes <= limit else { throw S3Error.maxMessageLengthExceeded() }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The length of the body's content as the request declares it: `x-amz-decoded-content-length` for an aws-chunked
    /// body (whose `Content-Length` counts the framing too), `Content-Length` otherwise.
    static func declaredLength(_ request: S3Request, payload: PayloadSigning) -> Int? {
        request.header(payload.isAwsChunked ? "x-amz-decoded-content-length" : "content-length").flatMap { Int($0) }
    }
}
