import Foundation
import HTTPTypes
import ObjectStore
import S3Protocol
import S3RequestXML

/// Flexible checksums of multipart uploads, as S3 documents them.
///
/// CreateMultipartUpload names an algorithm (`x-amz-checksum-algorithm`) and a type (`x-amz-checksum-type`): COMPOSITE,
/// the checksum of the concatenated binary part checksums followed by `-N` (CRC32, CRC32C, SHA1, SHA256), or
/// FULL_OBJECT, the checksum of the whole object's bytes, combined from the parts' CRCs (CRC32, CRC32C, CRC64NVME).
/// Without an algorithm, S3's default applies: a FULL_OBJECT CRC64NVME. Each part carries the upload's algorithm;
/// CompleteMultipartUpload repeats each part's value, and may give the object's, which must match.
enum MultipartChecksums {
    static let composite = "COMPOSITE"
    static let fullObject = "FULL_OBJECT"
    /// S3's checksum when a client names none.
    static let defaultAlgorithm = ChecksumAlgorithm.crc64nvme

    /// The algorithm and type CreateMultipartUpload asks for, checked against what S3 allows.
    static func requested(by headers: HTTPFields) throws -> (algorithm: ChecksumAlgorithm, type: String)? {
        let algorithmName = headers[.amzChecksumAlgorithm]
        let typeName = headers[.amzChecksumType]?.uppercased()
        if let typeName, typeName != composite, typeName != fullObject {
            throw S3Error.invalidRequest("Value for x-amz-checksum-type header is invalid.")
        }
        guard let algorithmName else {
            guard typeName == nil else {
                throw S3Error.invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
            }
            return nil
        }
        guard let algorithm = ChecksumAlgorithm(name: algorithmName) else {
            throw S3Error.invalidRequest(
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
            )
        }
        let type = typeName ?? (algorithm == .crc64nvme ? fullObject : composite)
        guard type == composite ? algorithm != .crc64nvme : algorithm.isCombinable else {
            throw S3Error.invalidRequest("The \(type) checksum type cannot be used with the \(algorithm.rawValue.lowercased()) checksum algorithm.")
        }
        return (algorithm, type)
    }

    /// The checksums to compute for a part besides the one it declares: the upload's algorithm when the part sends none
    /// (a FULL_OBJECT upload), S3's default CRC64NVME for an upload without an algorithm (its object's checksum).
    static func partAlgorithms(upload: MultipartUpload, declared: ChecksumAlgorithm?) throws -> Set<ChecksumAlgorithm> {
        guard let expected = upload.checksumAlgorithm.flatMap({ ChecksumAlgorithm(name: $0) }) else { return [defaultAlgorithm] }
        if let declared, declared != expected {
            throw mismatch(expected: expected, actual: declared.rawValue.lowercased())
        }
        if declared == nil && upload.attributes.checksumType == composite {
            throw mismatch(expected: expected, actual: "null")
        }
        return [expected]
    }

    private static func mismatch(expected: ChecksumAlgorithm, actual: String) -> S3Error {
        S3Error.invalidRequest(
            "Checksum Type mismatch occurred, expected checksum Type: \(expected.rawValue.lowercased()), actual checksum Type: \(actual)"
        )
    }

    /// The object's checksums at completion: each part named in the request must repeat the checksum it was uploaded
    /// with, the request's own checksum (`x-amz-checksum-<algorithm>`) must match the object's, and its checksum type
    /// the upload's.
    static func objectChecksums(
        upload: MultipartUpload,
        requested: [CompleteMultipartUpload.Part],
        stored: [UploadedPart],
        headers: HTTPFields
    ) throws -> ObjectChecksums {
        let named = upload.checksumAlgorithm.flatMap { ChecksumAlgorithm(name: $0) }
        let type = named == nil ? fullObject : (upload.attributes.checksumType ?? composite)
        if let requestedType = headers[.amzChecksumType]?.uppercased(), requestedType != (named == nil ? nil : type) {
            let created = named == nil ? "null" : type
            throw S3Error.invalidRequest(
                "The upload was created using the \(created) checksum mode. The complete request must use the same checksum mode."
            )
        }
        for (request, part) in zip(requested, stored) {
            if let named, request.checksums[named.rawValue] == nil {
                throw S3Error.invalidRequest(
                    "The upload was created using a \(named.rawValue.lowercased()) checksum. The complete request must include the "
                        + "checksum for each part. It was missing for part \(part.partNumber) in the request."
                )
            }
            for (algorithm, value) in request.checksums where part.checksums[algorithm] != value {
                throw S3Error(
                    "InvalidPart",
                    status: .badRequest,
                    message: "One or more of the specified parts could not be found.  The part may not have been uploaded, "
                        + "or the specified entity tag may not match the part's entity tag.",
                    details: [("PartNumber", String(part.partNumber)), ("Checksum" + algorithm, value)]
                )
            }
        }
        let algorithm = named ?? defaultAlgorithm
        let values = stored.compactMap { $0.checksums[algorithm.rawValue] }
        guard !stored.isEmpty, values.count == stored.count else {
            // Parts from before checksums were kept, or copied parts: the object gets no checksum rather than a wrong one.
            return ObjectChecksums()
        }
        let value: String?
        if type == composite {
            let digests = values.compactMap { Data(base64Encoded: $0) }
            value = digests.count == values.count ? Checksummer.checksum(algorithm, of: digests.joined()) + "-\(stored.count)" : nil
        } else {
            value = zip(values, stored).dropFirst().reduce(Optional(values[0])) { combined, next in
                combined.flatMap { algorithm.combine(base64: $0, next.0, secondLength: next.1.size) }
            }
        }
        guard let value else { return ObjectChecksums() }
        try checkRequestChecksum(headers, algorithm: algorithm, value: value, type: type, partCount: stored.count)
        return ObjectChecksums(checksums: [algorithm.rawValue: value], checksumType: type)
    }

    /// The object's checksum a CompleteMultipartUpload may send, compared with the computed one (a composite value may
    /// come without its `-N`).
    private static func checkRequestChecksum(
        _ headers: HTTPFields,
        algorithm: ChecksumAlgorithm,
        value: String,
        type: String,
        partCount: Int
    ) throws {
        for candidate in ChecksumAlgorithm.allCases {
            guard let name = HTTPField.Name(candidate.headerName), var sent = headers[name]?.trimmingCharacters(in: .whitespaces) else {
                continue
            }
            if type == composite && !sent.contains("-") { sent += "-\(partCount)" }
            guard candidate == algorithm, sent == value else {
                throw S3Error(
                    "BadDigest",
                    status: .badRequest,
                    message: "The \(candidate.rawValue) you specified did not match the calculated checksum."
                )
            }
        }
    }

    /// The checksum type to report for an object: the one kept, else what its value shows (`…-N` is composite).
    static func type(of attributes: ObjectAttributes) -> String? {
        guard !attributes.checksums.isEmpty else { return nil }
        return attributes.checksumType ?? (attributes.checksums.values.contains { $0.contains("-") } ? composite : fullObject)
    }
}

extension CompleteMultipartUpload.Part {
    /// The checksums the client repeated for this part, by algorithm name.
    var checksums: [String: String] {
        let values: [(ChecksumAlgorithm, String?)] = [
            (.crc32, checksumCRC32), (.crc32c, checksumCRC32C), (.crc64nvme, checksumCRC64NVME), (.sha1, checksumSHA1),
            (.sha256, checksumSHA256),
        ]
        return Dictionary(uniqueKeysWithValues: values.compactMap { algorithm, value in value.map { (algorithm.rawValue, $0) } })
    }
}

extension ListPartsResult.Part {
    init(_ part: UploadedPart) {
        self.init(
            partNumber: part.partNumber,
            lastModified: part.lastModified,
            etag: ObjectHeaders.quoted(part.etag),
            size: part.size,
            checksumCRC32: part.checksums[ChecksumAlgorithm.crc32.rawValue],
            checksumCRC32C: part.checksums[ChecksumAlgorithm.crc32c.rawValue],
            checksumCRC64NVME: part.checksums[ChecksumAlgorithm.crc64nvme.rawValue],
            checksumSHA1: part.checksums[ChecksumAlgorithm.sha1.rawValue],
            checksumSHA256: part.checksums[ChecksumAlgorithm.sha256.rawValue]
        )
    }
}

extension HTTPField.Name {
    static let amzChecksumAlgorithm = HTTPField.Name("x-amz-checksum-algorithm")!
    static let amzChecksumType = HTTPField.Name("x-amz-checksum-type")!
}
