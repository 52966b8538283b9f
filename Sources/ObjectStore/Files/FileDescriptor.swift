import NIOCore

#if canImport(Glibc)
import Glibc
private let systemClose = Glibc.close
private let systemWrite = Glibc.write
private let systemSync = Glibc.sync
#elseif canImport(Darwin)
import Darwin
private let systemClose = Darwin.close
private let systemWrite = Darwin.write
private let systemSync = Darwin.sync
#endif

/// `syncfs(2)`, looked up at run time: Glibc's Swift module leaves out GNU extensions; other systems have none.
/// (`nil` is glibc's `RTLD_DEFAULT`: every loaded library.)
#if os(Linux)
private let systemSyncFS: (@convention(c) (Int32) -> Int32)? = dlsym(nil, "syncfs").map {
    unsafeBitCast($0, to: (@convention(c) (Int32) -> Int32).self)
}
#else
private let systemSyncFS: (@convention(c) (Int32) -> Int32)? = nil
#endif

/// A POSIX file descriptor with the few blocking operations the blob files need.
final class FileDescriptor {
    private(set) var fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close() }

    static func create(_ path: String) throws -> FileDescriptor {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateTree.fileMode)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "create \(path)") }
        return FileDescriptor(fd: fd, path: path)
    }

    static func openForReading(_ path: String) throws -> FileDescriptor {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "open \(path)") }
        return FileDescriptor(fd: fd, path: path)
    }

    /// Makes a rename or a link in `path` durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "open \(path)") }
        defer { _ = systemClose(fd) }
        guard fsync(fd) == 0 else { throw IOError(errnoCode: errno, reason: "fsync \(path)") }
    }

    /// Flushes the whole file system holding `path` and waits for it (`syncfs(2)`).
    /// - Returns: false, doing nothing, where the C library has no `syncfs`.
    static func syncFileSystem(containing path: String) throws -> Bool {
        guard let syncfs = systemSyncFS else { return false }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "open \(path)") }
        defer { _ = systemClose(fd) }
        guard syncfs(fd) == 0 else { throw IOError(errnoCode: errno, reason: "syncfs \(path)") }
        return true
    }

    func close() {
        if fd >= 0 {
            _ = systemClose(fd)
            fd = -1
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try Self.write(bytes, to: fd, path: path)
    }

    /// Writes all of `bytes` to `fd`, which the caller keeps open meanwhile (a write run on another thread).
    static func write(_ bytes: ByteBuffer, to fd: Int32, path: String) throws {
        try bytes.withUnsafeReadableBytes { try write($0, to: fd, path: path) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = systemWrite(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw IOError(errnoCode: errno, reason: "write \(path)")
            }
            remaining -= written
            base += written
        }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var total = 0
        while total < buffer.count {
            let count = pread(fd, buffer.baseAddress! + total, buffer.count - total, off_t(offset) + off_t(total))
            if count < 0 {
                if errno == EINTR { continue }
                throw IOError(errnoCode: errno, reason: "read \(path)")
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Appends the whole file at `sourcePath`, returning the number of bytes copied.
    func append(contentsOf sourcePath: String) throws -> Int64 {
        let source = try FileDescriptor.openForReading(sourcePath)
        let chunkSize = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var offset: Int64 = 0
        while true {
            let count = try source.read(into: buffer, at: offset)
            if count == 0 { return offset }
            try write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            offset += Int64(count)
        }
    }

    func sync() throws {
        try Self.sync(fd, path: path)
    }

    static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw IOError(errnoCode: errno, reason: "fsync \(path)") }
    }

    /// Flushes every file system (`sync(2)`, which on Linux returns once the data is written): one call for a batch.
    static func syncAll() {
        systemSync()
    }
}
