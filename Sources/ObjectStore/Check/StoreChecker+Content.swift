import Crypto
import Foundation

/// `--deep`: the bytes of every plaintext blob against its ETag (the MD5, or for a multipart object the MD5 of its part
/// MD5s) and its stored flexible checksums (over the whole object, or composite over its parts, `…-N`).
extension StoreChecker {
    /// Bytes read at a time.
    static let readSize = 1 << 20

    mutating func verify(blobId: String, subject: String, content: ExpectedContent) throws {
        let file = try FileDescriptor.openForReading(blobs.blobPath(blobId))
        defer { file.close() }
        let composite = content.checksums.filter { Self.isComposite($0.value, parts: content.partSizes.count) }.map(\.key)
        var whole: [String: any ContentDigest] = [:]
        for algorithm in content.checksums.keys where !composite.contains(algorithm) {
            whole[algorithm] = options.digest(algorithm)
        }
        var partDigests: [String: [UInt8]] = [:]
        var partMD5s: [[UInt8]] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readSize, alignment: 16)
        defer { buffer.deallocate() }
        var offset: Int64 = 0
        for partSize in content.partSizes.isEmpty ? [Int64.max] : content.partSizes {
            var md5 = Insecure.MD5()
            var perPart: [String: any ContentDigest] = [:]
            for algorithm in composite { perPart[algorithm] = options.digest(algorithm) }
            var remaining = partSize
            while remaining > 0 {
                let wanted = Int(min(Int64(Self.readSize), remaining))
                let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: offset)
                if count == 0 { break }
                let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
                md5.update(bufferPointer: bytes)
                for algorithm in whole.keys { whole[algorithm]!.update(bytes) }
                for algorithm in perPart.keys { perPart[algorithm]!.update(bytes) }
                offset += Int64(count)
                remaining -= Int64(count)
            }
            partMD5s.append(Array(md5.finalize()))
            for (algorithm, digest) in perPart { partDigests[algorithm, default: []] += digest.finalizeBytes() }
        }
        report.bytesVerified += offset
        let etag =
            content.partSizes.isEmpty
            ? partMD5s[0].hexString : Array(Insecure.MD5.hash(data: Array(partMD5s.joined()))).hexString + "-\(partMD5s.count)"
        if etag != content.etag {
            report.add(
                CheckFinding(.etagMismatch, subject, "its bytes hash to \(etag), its ETag is \(content.etag): the blob file \(blobId) is damaged")
            )
        }
        for (algorithm, stored) in content.checksums.sorted(by: { $0.key < $1.key }) {
            let computed: String
            if composite.contains(algorithm), let digest = options.digest(algorithm), let concatenated = partDigests[algorithm] {
                var outer = digest
                concatenated.withUnsafeBytes { outer.update($0) }
                computed = Data(outer.finalizeBytes()).base64EncodedString() + "-\(content.partSizes.count)"
            } else if let digest = whole[algorithm] {
                computed = Data(digest.finalizeBytes()).base64EncodedString()
            } else {
                continue  // an algorithm this check cannot compute
            }
            if computed != stored {
                report.add(
                    CheckFinding(
                        .checksumMismatch,
                        subject,
                        "its bytes give \(algorithm) \(computed), \(stored) was stored: the blob file \(blobId) is damaged"
                    )
                )
            }
        }
    }

    /// Whether a stored checksum is S3's composite form over `parts` parts: base64, `-`, the number of parts.
    private static func isComposite(_ value: String, parts: Int) -> Bool {
        guard parts > 0, let dash = value.lastIndex(of: "-") else { return false }
        return Int(value[value.index(after: dash)...]) == parts
    }
}
