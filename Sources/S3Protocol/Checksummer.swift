import Crypto
import NIOCore

/// An incremental flexible checksum; `finalize()` gives the base64 of the big-endian digest, as S3 prints it.
public struct Checksummer: Sendable {
    public let algorithm: ChecksumAlgorithm
    private var state: State

    /// swift-crypto's digests are copy-on-write value types, but its BoringSSL backend does not declare them `Sendable`.
    private enum State: @unchecked Sendable {
        case crc32(UInt32)
        case crc32c(UInt32)
        case crc64(UInt64)
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
    }

    public init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .crc32: self.state = .crc32(.max)
        case .crc32c: self.state = .crc32c(.max)
        case .crc64nvme: self.state = .crc64(.max)
        case .sha1: self.state = .sha1(Insecure.SHA1())
        case .sha256: self.state = .sha256(SHA256())
        }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch self.state {
        case .crc32(let crc): self.state = .crc32(CRC.update32(crc, bytes, tables: CRC.crc32Tables))
        case .crc32c(let crc): self.state = .crc32c(CRC.update32(crc, bytes, tables: CRC.crc32cTables))
        case .crc64(let crc): self.state = .crc64(CRC.update64(crc, bytes, tables: CRC.crc64nvmeTables))
        case .sha1(var hash):
            hash.update(bufferPointer: bytes)
            self.state = .sha1(hash)
        case .sha256(var hash):
            hash.update(bufferPointer: bytes)
            self.state = .sha256(hash)
        }
    }

    /// Adds the readable bytes of a buffer, without consuming them.
    public mutating func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { self.update($0) }
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { self.update($0) }
    }

    /// The big-endian digest.
    public func finalizeBytes() -> [UInt8] {
        switch self.state {
        case .crc32(let crc), .crc32c(let crc): withUnsafeBytes(of: (~crc).bigEndian) { Array($0) }
        case .crc64(let crc): withUnsafeBytes(of: (~crc).bigEndian) { Array($0) }
        case .sha1(let hash): Array(hash.finalize())
        case .sha256(let hash): Array(hash.finalize())
        }
    }

    /// The base64 of the big-endian digest, the form of `x-amz-checksum-*` values.
    public func finalize() -> String {
        Base64.encode(self.finalizeBytes())
    }

    /// The checksum of some bytes in one call.
    public static func checksum(_ algorithm: ChecksumAlgorithm, of bytes: some Sequence<UInt8>) -> String {
        var checksummer = Checksummer(algorithm)
        checksummer.update(bytes)
        return checksummer.finalize()
    }
}
