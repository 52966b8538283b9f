/// The flexible checksum a request declares, and where its value comes from.
public struct DeclaredChecksum: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// An `x-amz-checksum-<alg>` header with this base64 value.
        case header(String)
        /// Named by `x-amz-trailer`: the value comes in the aws-chunked trailers.
        case trailer
        /// Only `x-amz-sdk-checksum-algorithm`: the server computes and stores the checksum, nothing to compare.
        case algorithmOnly
    }

    public var algorithm: ChecksumAlgorithm
    public var source: Source

    public init(algorithm: ChecksumAlgorithm, source: Source) {
        self.algorithm = algorithm
        self.source = source
    }

    /// Finds the checksum declared by `x-amz-checksum-<alg>`, `x-amz-trailer` or `x-amz-sdk-checksum-algorithm`;
    /// nil when none is. Throws `InvalidRequest` for several algorithms, unknown names or a value of the wrong length.
    public static func find(in headers: [(name: String, value: String)]) throws -> DeclaredChecksum? {
        var found: [DeclaredChecksum] = []
        for header in headers {
            if let algorithm = ChecksumAlgorithm(headerName: header.name) {
                let value = header.value.trimmingSpaces()
                // A value that cannot be a digest of this algorithm cannot match either: BadDigest (ceph s3-tests).
                guard algorithm.isValid(base64: value) else {
                    throw S3ProtocolError(.badDigest, "The \(algorithm.rawValue) you specified did not match the calculated checksum.")
                }
                found.append(DeclaredChecksum(algorithm: algorithm, source: .header(value)))
            } else if header.name.caseInsensitiveEquals("x-amz-trailer") {
                for name in header.value.split(separator: ",").map({ $0.trimmingSpaces() }) where name.lowercased().hasPrefix("x-amz-checksum-") {
                    guard let algorithm = ChecksumAlgorithm(headerName: name) else {
                        throw S3ProtocolError(.invalidRequest, "The value specified in the x-amz-trailer header is not supported")
                    }
                    found.append(DeclaredChecksum(algorithm: algorithm, source: .trailer))
                }
            }
        }
        guard Set(found.map(\.algorithm)).count <= 1, found.count <= 1 else {
            throw S3ProtocolError(.invalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
        }
        let sdkValue = headers.first { $0.name.caseInsensitiveEquals("x-amz-sdk-checksum-algorithm") }?.value.trimmingSpaces()
        guard let sdkValue else { return found.first }
        guard let sdkAlgorithm = ChecksumAlgorithm(name: sdkValue), found.first.map({ $0.algorithm == sdkAlgorithm }) ?? true else {
            throw S3ProtocolError(.invalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.")
        }
        return found.first ?? DeclaredChecksum(algorithm: sdkAlgorithm, source: .algorithmOnly)
    }
}
