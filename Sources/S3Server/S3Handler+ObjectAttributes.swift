import Foundation
import HTTPTypes
import Hummingbird
import KeyManagement
import ObjectStore
import S3Protocol

/// GetObjectAttributes: an object's ETag, checksum, parts, storage class and size in one call, without its body.
extension S3Handler {
    /// The attributes `x-amz-object-attributes` may name.
    private static let objectAttributeNames: Set<String> = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]

    func getObjectAttributes(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        let names = try Self.requestedAttributes(request)
        let version = try await store.headObject(bucket: bucket, key: key, versionId: request.queryValue("versionId"))
        let customerKey = try ServerSideEncryption.customerKey(in: request.headers, prefix: ServerSideEncryption.customerPrefix)
        // As HEAD: no KMS grant needed, but an SSE-C object answers only to its key.
        if case .sseC? = version.encryption?.mode {
            try store.checkAccess(version, ReadAccess(principal: caller.principal, customerKey: customerKey))
        }
        var document = GetObjectAttributesResponse()
        if names.contains("ETag") { document.etag = version.etag }
        if names.contains("StorageClass") { document.storageClass = StorageClass.presented(version.attributes.storageClass) }
        if names.contains("ObjectSize") { document.objectSize = version.size }
        if names.contains("Checksum"), !version.attributes.checksums.isEmpty {
            let checksums = version.attributes.checksums
            document.checksum = GetObjectAttributesResponse.Checksum(
                checksumCRC32: checksums[ChecksumAlgorithm.crc32.rawValue],
                checksumCRC32C: checksums[ChecksumAlgorithm.crc32c.rawValue],
                checksumCRC64NVME: checksums[ChecksumAlgorithm.crc64nvme.rawValue],
                checksumSHA1: checksums[ChecksumAlgorithm.sha1.rawValue],
                checksumSHA256: checksums[ChecksumAlgorithm.sha256.rawValue],
                checksumType: MultipartChecksums.type(of: version.attributes)
            )
        }
        if names.contains("ObjectParts"), !version.partSizes.isEmpty {
            document.objectParts = try Self.objectParts(of: version, request)
        }
        var headers: HTTPFields = [.lastModified: HTTPDate.rfc1123(version.lastModified)]
        if version.versionId != "null" { headers[.amzVersionId] = version.versionId }
        return try XMLResponse.make(document, headers: headers)
    }

    /// `x-amz-object-attributes`: a comma-separated list of attribute names, at least one.
    private static func requestedAttributes(_ request: S3Request) throws -> Set<String> {
        let values = request.headers[values: .amzObjectAttributes]
        let names = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw S3Error.invalidRequest("The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty")
        }
        guard names.allSatisfy(objectAttributeNames.contains) else {
            throw S3Error.invalidArgument("Invalid attribute name specified.", name: "x-amz-object-attributes", value: values.joined(separator: ","))
        }
        return Set(names)
    }

    /// One page of the parts (`x-amz-max-parts`, default 1000; `x-amz-part-number-marker`); each part lists its checksum
    /// in the object's algorithm, when the object has one (S3 lists no part of an object without checksums).
    private static func objectParts(of version: ObjectVersion, _ request: S3Request) throws -> GetObjectAttributesResponse.ObjectParts {
        let maxParts = try integerHeader(request, "x-amz-max-parts", default: 1000)
        let marker = try integerHeader(request, "x-amz-part-number-marker", default: 0)
        let algorithms = Set(version.attributes.checksums.keys)
        let count = version.partSizes.count
        let numbers = marker < count ? Array((marker + 1)...count) : []
        let page = algorithms.isEmpty ? [] : Array(numbers.prefix(maxParts))
        let parts = page.map { number in
            let stored = version.partChecksums.indices.contains(number - 1) ? version.partChecksums[number - 1] : [:]
            let checksums = stored.filter { algorithms.contains($0.key) }
            return GetObjectAttributesResponse.Part(
                checksumCRC32: checksums[ChecksumAlgorithm.crc32.rawValue],
                checksumCRC32C: checksums[ChecksumAlgorithm.crc32c.rawValue],
                checksumCRC64NVME: checksums[ChecksumAlgorithm.crc64nvme.rawValue],
                checksumSHA1: checksums[ChecksumAlgorithm.sha1.rawValue],
                checksumSHA256: checksums[ChecksumAlgorithm.sha256.rawValue],
                partNumber: number,
                size: version.partSizes[number - 1]
            )
        }
        let isTruncated = !algorithms.isEmpty && numbers.count > maxParts
        return GetObjectAttributesResponse.ObjectParts(
            isTruncated: isTruncated,
            maxParts: maxParts,
            nextPartNumberMarker: isTruncated ? page.last : nil,
            partNumberMarker: marker,
            parts: parts,
            partsCount: count
        )
    }

    private static func integerHeader(_ request: S3Request, _ name: String, default value: Int) throws -> Int {
        guard let text = request.header(name) else { return value }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= 0 else {
            throw S3Error.invalidArgument("Provided \(name) not an integer or within integer range", name: name, value: text)
        }
        return min(number, 1000)
    }
}

extension HTTPField.Name {
    static let amzObjectAttributes = HTTPField.Name("x-amz-object-attributes")!
}
