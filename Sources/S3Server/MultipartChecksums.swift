import Foundation
import HTTPTypes
import ObjectStore
import S3Protocol

/// Flexible checksums of multipart uploads: the per-part values a CompleteMultipartUpload repeats are checked
/// against the ones verified at upload, and the object gets S3's composite checksum, the checksum of the
/// concatenated binary part checksums followed by `-` and the number of parts.
enum MultipartChecksums {
    static func objectChecksums(requested: [CompleteMultipartUpload.Part], stored: [UploadedPart]) throws -> [String: String] {
        for (request, part) in zip(requested, stored) {
            for (algorithm, value) in request.checksums where part.checksums[algorithm] != value {
                throw S3Error(
                    "InvalidPart",
                    status: .badRequest,
                    message: "One or more of the specified parts could not be found. The part may not have been uploaded, "
                        + "or the specified entity tag may not match the part's entity tag.",
                    details: [("PartNumber", String(part.partNumber)), ("Checksum" + algorithm, value)]
                )
            }
        }
        var composite: [String: String] = [:]
        for algorithm in ChecksumAlgorithm.allCases {
            let values = stored.compactMap { $0.checksums[algorithm.rawValue].flatMap { Data(base64Encoded: $0) } }
            guard !stored.isEmpty, values.count == stored.count else { continue }
            composite[algorithm.rawValue] = Checksummer.checksum(algorithm, of: values.joined()) + "-\(stored.count)"
        }
        return composite
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
