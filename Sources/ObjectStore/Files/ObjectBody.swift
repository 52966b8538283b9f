import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an object version, or of a range of it, read from its blob file 256 KiB at a time.
///
/// The file is opened on the first `next()`: errors (such as a blob deleted meanwhile) surface there.
public struct ObjectBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    static let chunkSize = 256 * 1024

    let path: String?
    let offset: Int64
    /// The number of bytes to read from `offset`.
    public let count: Int64

    init(path: String?, offset: Int64, count: Int64) {
        self.path = path
        self.offset = offset
        self.count = count
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(path: path, offset: offset, end: offset + count)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let path: String?
        var offset: Int64
        let end: Int64
        var file: FileDescriptor?
        let allocator = ByteBufferAllocator()

        init(path: String?, offset: Int64, end: Int64) {
            self.path = path
            self.offset = offset
            self.end = end
        }

        public mutating func next() async throws -> ByteBuffer? {
            guard offset < end, let path else {
                file = nil
                return nil
            }
            if file == nil { file = try FileDescriptor.openForReading(path) }
            let length = Int(Swift.min(Int64(ObjectBody.chunkSize), end - offset))
            var buffer = allocator.buffer(capacity: length)
            let file = self.file!
            let start = offset
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { bytes in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[..<length]), at: start)
            }
            guard count == length else {
                throw IOError(errnoCode: EIO, reason: "blob \(path) is shorter than its catalog entry")
            }
            offset += Int64(count)
            if offset >= end { self.file = nil }
            return buffer
        }
    }
}
