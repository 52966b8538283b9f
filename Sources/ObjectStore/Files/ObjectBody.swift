import KeyManagement
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an object version, or of a range of it, read from its blob file 256 KiB at a time, and decrypted
/// on the way when the version is encrypted (a tampered blob makes the sequence throw, never yield garbage).
///
/// The file is opened when the read is granted (see `ObjectStore.read`), before any byte is sent.
public struct ObjectBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    static let chunkSize = 256 * 1024
    /// Pieces at least this large are read on another thread.
    static let offloadedReadSize = 64 * 1024

    let blob: OpenedBlob?
    /// Where to read in the blob file, and how many bytes (ciphertext when encrypted).
    let offset: Int64
    let storedCount: Int64
    let decryptor: ChunkDecryptor?
    /// The number of bytes the sequence yields.
    public let count: Int64

    init(blob: OpenedBlob?, offset: Int64, count: Int64) {
        self.blob = blob
        self.offset = offset
        self.storedCount = count
        self.decryptor = nil
        self.count = count
    }

    init(blob: OpenedBlob?, decryptor: ChunkDecryptor) {
        self.blob = blob
        self.offset = decryptor.ciphertextRange.lowerBound
        self.storedCount = decryptor.ciphertextRange.upperBound - decryptor.ciphertextRange.lowerBound
        self.decryptor = decryptor
        self.count = decryptor.plaintextRange.upperBound - decryptor.plaintextRange.lowerBound
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(blob: blob, offset: offset, end: offset + storedCount, decryptor: decryptor)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let blob: OpenedBlob?
        var offset: Int64
        let end: Int64
        var decryptor: ChunkDecryptor?

        public mutating func next() async throws -> ByteBuffer? {
            while let stored = try await readStored() {
                guard decryptor != nil else { return stored }
                let plaintext = try decryptor!.update(stored)
                if offset >= end { try decryptor!.finish() }
                if plaintext.readableBytes > 0 { return plaintext }
            }
            return nil
        }

        /// The next piece of the blob file, or nil at the end of the range. A piece of `offloadedReadSize` or more is
        /// read off the cooperative pool, where a read from disk may block; a smaller one costs less than the hop.
        private mutating func readStored() async throws -> ByteBuffer? {
            guard offset < end, let blob else { return nil }
            let length = Int(Swift.min(Int64(ObjectBody.chunkSize), end - offset))
            let start = offset
            let buffer =
                length >= ObjectBody.offloadedReadSize
                ? try await BlockingIO.run { try Self.read(blob, length: length, at: start) }
                : try Self.read(blob, length: length, at: start)
            offset += Int64(length)
            return buffer
        }

        private static func read(_ blob: OpenedBlob, length: Int, at start: Int64) throws -> ByteBuffer {
            let file = blob.descriptor
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { bytes in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[..<length]), at: start)
            }
            guard count == length else {
                throw IOError(errnoCode: EIO, reason: "blob \(file.path) is shorter than its catalog entry")
            }
            return buffer
        }
    }
}
