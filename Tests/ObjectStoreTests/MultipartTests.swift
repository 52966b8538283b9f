import Crypto
import Foundation
import Testing

@testable import ObjectStore

struct MultipartTests {
    static let fiveMiB = 5 * 1024 * 1024

    func uploadPart(_ store: ObjectStore, _ upload: MultipartUpload, _ number: Int, _ bytes: [UInt8]) async throws -> UploadedPart {
        let staged = try await store.stage(
            Chunks(stride(from: 0, to: bytes.count, by: 100_000).map { Array(bytes[$0..<min($0 + 100_000, bytes.count)]) }))
        return try await store.uploadPart(bucket: upload.bucket, key: upload.key, uploadId: upload.uploadId, partNumber: number, staged: staged)
    }

    @Test func happyPath() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("multi")
            let attributes = ObjectAttributes(contentType: "video/mp4", userMetadata: ["owner": "me"])
            let upload = try await store.createMultipartUpload(bucket: "multi", key: "movie", attributes: attributes, principal: "owner")
            let first = randomBytes(Self.fiveMiB)
            let second = randomBytes(1000)
            _ = try await uploadPart(store, upload, 1, randomBytes(Self.fiveMiB))
            let part1 = try await uploadPart(store, upload, 1, first)  // replaces the first upload of part 1
            let part2 = try await uploadPart(store, upload, 2, second)
            #expect(part1.etag == md5Hex(first))
            #expect(try root.blobFiles().count == 2)

            let parts = try await store.listParts(bucket: "multi", key: "movie", uploadId: upload.uploadId, partNumberMarker: 0, maxParts: 1)
            #expect(parts.parts.map(\.partNumber) == [1])
            #expect(parts.isTruncated)
            #expect(parts.nextPartNumberMarker == 1)
            let rest = try await store.listParts(bucket: "multi", key: "movie", uploadId: upload.uploadId, partNumberMarker: 1, maxParts: 10)
            #expect(rest.parts.map(\.partNumber) == [2])
            #expect(!rest.isTruncated)

            let version = try await store.completeMultipartUpload(
                bucket: "multi",
                key: "movie",
                uploadId: upload.uploadId,
                parts: [CompletedPart(partNumber: 1, etag: "\"\(part1.etag)\""), CompletedPart(partNumber: 2, etag: part2.etag.uppercased())]
            )
            var digests = Insecure.MD5()
            digests.update(data: Array(Insecure.MD5.hash(data: first)))
            digests.update(data: Array(Insecure.MD5.hash(data: second)))
            #expect(version.etag == digests.finalize().map { String(format: "%02x", $0) }.joined() + "-2")
            #expect(version.partSizes == [Int64(Self.fiveMiB), 1000])
            #expect(version.size == Int64(Self.fiveMiB + 1000))
            #expect(version.attributes == attributes)
            #expect(try await store.bytes(version) == first + second)
            #expect(try await store.headObject(bucket: "multi", key: "movie", versionId: nil) == version)
            // The part blobs are gone; only the object's remains.
            #expect(try root.blobFiles().count == 1)
            #expect(try await store.listMultipartUploads(bucket: "multi", query: UploadListQuery()).uploads.isEmpty)
            // A retried completion answers as the first did; one naming other parts is refused, as S3 does.
            let completed = [CompletedPart(partNumber: 1, etag: part1.etag), CompletedPart(partNumber: 2, etag: part2.etag)]
            #expect(try await store.completeMultipartUpload(bucket: "multi", key: "movie", uploadId: upload.uploadId, parts: completed) == version)
            #expect(
                await storeErrorCode {
                    try await store.completeMultipartUpload(bucket: "multi", key: "movie", uploadId: upload.uploadId, parts: [completed[0]])
                } == .invalidPart)
            #expect(
                await storeErrorCode {
                    try await store.completeMultipartUpload(bucket: "multi", key: "movie", uploadId: "no-such-upload", parts: completed)
                } == .noSuchUpload)
        }
    }

    @Test func errors() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("errors")
            let upload = try await store.createMultipartUpload(bucket: "errors", key: "k", attributes: .init(), principal: "owner")
            let small1 = try await uploadPart(store, upload, 1, Array("first".utf8))
            let small2 = try await uploadPart(store, upload, 2, Array("second".utf8))
            func complete(_ parts: [CompletedPart]) async -> StoreError.Code? {
                await storeErrorCode { try await store.completeMultipartUpload(bucket: "errors", key: "k", uploadId: upload.uploadId, parts: parts) }
            }
            #expect(await complete([]) == .malformedXML)
            #expect(
                await complete([CompletedPart(partNumber: 2, etag: small2.etag), CompletedPart(partNumber: 1, etag: small1.etag)])
                    == .invalidPartOrder)
            #expect(
                await complete([CompletedPart(partNumber: 1, etag: small1.etag), CompletedPart(partNumber: 1, etag: small1.etag)])
                    == .invalidPartOrder)
            #expect(await complete([CompletedPart(partNumber: 3, etag: small1.etag)]) == .invalidPart)
            #expect(await complete([CompletedPart(partNumber: 1, etag: small2.etag)]) == .invalidPart)
            #expect(
                await complete([CompletedPart(partNumber: 1, etag: small1.etag), CompletedPart(partNumber: 2, etag: small2.etag)]) == .entityTooSmall)

            for number in [0, 10001, -1] {
                let staged = try await store.stage(Chunks("x"))
                #expect(
                    await storeErrorCode {
                        try await store.uploadPart(bucket: "errors", key: "k", uploadId: upload.uploadId, partNumber: number, staged: staged)
                    } == .invalidArgument)
            }
            let staged = try await store.stage(Chunks("x"))
            #expect(
                await storeErrorCode {
                    try await store.uploadPart(bucket: "errors", key: "k", uploadId: "unknown", partNumber: 1, staged: staged)
                } == .noSuchUpload)
            #expect(
                await storeErrorCode {
                    try await store.listParts(bucket: "errors", key: "other", uploadId: upload.uploadId, partNumberMarker: 0, maxParts: 10)
                } == .noSuchUpload)
            #expect(try root.stagingFiles().isEmpty)

            // A single small part is fine: the last part has no minimum.
            let version = try await store.completeMultipartUpload(
                bucket: "errors", key: "k", uploadId: upload.uploadId, parts: [CompletedPart(partNumber: 2, etag: small2.etag)])
            #expect(try await store.bytes(version) == Array("second".utf8))
            #expect(version.partSizes == [6])
        }
    }

    @Test func abortRemovesPartsAndUpload() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("abort")
            let upload = try await store.createMultipartUpload(bucket: "abort", key: "k", attributes: .init(), principal: "owner")
            _ = try await uploadPart(store, upload, 1, randomBytes(1000))
            _ = try await uploadPart(store, upload, 2, randomBytes(1000))
            try await store.abortMultipartUpload(bucket: "abort", key: "k", uploadId: upload.uploadId)
            #expect(try root.blobFiles().isEmpty)
            #expect(
                await storeErrorCode { try await store.abortMultipartUpload(bucket: "abort", key: "k", uploadId: upload.uploadId) } == .noSuchUpload)
            #expect(
                await storeErrorCode { try await store.abortMultipartUpload(bucket: "nope", key: "k", uploadId: upload.uploadId) } == .noSuchBucket)
        }
    }

    @Test func copyPartStreamsARangeOfTheSource() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("copy")
            try await store.setVersioning("copy", .enabled)
            let bytes = randomBytes(Self.fiveMiB + 500)
            let source = try await store.put("copy", "source", bytes)
            let upload = try await store.createMultipartUpload(bucket: "copy", key: "target", attributes: .init(), principal: "owner")
            let part1 = try await store.copyPart(
                bucket: "copy", key: "target", uploadId: upload.uploadId, partNumber: 1, source: source, range: nil, sourceAccess: .owner,
                access: .owner)
            let part2 = try await store.copyPart(
                bucket: "copy", key: "target", uploadId: upload.uploadId, partNumber: 2, source: source, range: 100...199, sourceAccess: .owner,
                access: .owner)
            #expect(part1.etag == source.etag)
            #expect(part2.size == 100)
            #expect(part2.etag == md5Hex(Array(bytes[100...199])))
            let version = try await store.completeMultipartUpload(
                bucket: "copy",
                key: "target",
                uploadId: upload.uploadId,
                parts: [CompletedPart(partNumber: 1, etag: part1.etag), CompletedPart(partNumber: 2, etag: part2.etag)]
            )
            #expect(version.versionId != "null")
            #expect(try await store.bytes(version) == bytes + Array(bytes[100...199]))
            // GET ?partNumber=2 is served from the recorded part sizes.
            let start = version.partSizes[0]
            #expect(try await store.bytes(version, range: start...(start + version.partSizes[1] - 1)) == Array(bytes[100...199]))
        }
    }
}
