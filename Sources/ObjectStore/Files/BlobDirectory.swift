import Crypto
import Foundation
import KeyManagement
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files under `.obslab/` (folders 0700, files 0600): immutable blobs in `blobs/xx/<id>` and writes in progress in `staging/<id>`.
///
/// A staged file keeps its id when published: publishing is one rename.
struct BlobDirectory: Sendable {
    let root: String
    let blobsPath: String
    let stagingPath: String
    /// Makes renames into `blobs/` durable, in rounds shared by concurrent writers.
    let renames: RenameSyncGroup

    /// - Parameter flushRenames: what makes renames durable (nil: the file system's sync).
    init(root: String, flushRenames: RenameSyncGroup.Flush? = nil) {
        self.root = root
        blobsPath = root + "/blobs"
        stagingPath = root + "/staging"
        renames = RenameSyncGroup(flush: flushRenames ?? RenameSyncGroup.fileSystemFlush(root: root))
    }

    func blobPath(_ id: String) -> String {
        "\(blobsPath)/\(id.prefix(2))/\(id)"
    }

    func stagedPath(_ id: String) -> String {
        "\(stagingPath)/\(id)"
    }

    /// Creates `.obslab/` (0700, in the data root made if needed), `blobs/` and `staging/`.
    func createDirectories() throws {
        try FileManager.default.createDirectory(atPath: (root as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        for path in [root, blobsPath, stagingPath] {
            try PrivateTree.createDirectory(path)
        }
    }

    // MARK: Staging

    /// Bytes gathered from a request body before one write: each write runs off the cooperative pool, so a body is
    /// written in few large writes rather than one per network chunk.
    static let writeBatchSize = 256 * 1024

    /// Streams `body` into a new staging file, fsynced, with its size and MD5. On any error the file is removed.
    ///
    /// With an `encryptor` the file holds the ciphertext while size and MD5 describe the plaintext; the encrypted
    /// segment it wrote is returned with them. Writes and the fsync run on `BlockingIO`'s threads: a write
    /// can block for long when the kernel throttles a writer of much dirty data.
    /// - Parameter durably: fsync the file now; a batch (folder adoption) passes false and calls `syncFileSystem()` once.
    func stage<Body: AsyncSequence>(
        _ body: Body, encryptor: ChunkEncryptor? = nil, durably: Bool = true
    ) async throws
        -> (id: String, size: Int64, md5: [UInt8], segment: EncryptedSegment?) where Body.Element == ByteBuffer
    {
        let id = Identifiers.blob()
        let path = stagedPath(id)
        let file = try FileDescriptor.create(path)
        let fd = file.fd
        do {
            var md5 = Insecure.MD5()
            var size: Int64 = 0
            var encryptor = encryptor
            // What is to be written next: plaintext chunks, or the ciphertext they completed.
            var pending = ByteBuffer()
            for try await chunk in body {
                try Task.checkCancellation()
                chunk.withUnsafeReadableBytes { md5.update(bufferPointer: $0) }
                size += Int64(chunk.readableBytes)
                if encryptor != nil {
                    try encryptor!.update(chunk, into: &pending)
                } else {
                    pending.writeImmutableBuffer(chunk)
                }
                if pending.readableBytes >= Self.writeBatchSize {
                    let batch = pending
                    try await BlockingIO.run { try FileDescriptor.write(batch, to: fd, path: path) }
                    pending.clear()
                }
            }
            var segment: EncryptedSegment?
            if encryptor != nil { segment = try encryptor!.finish(into: &pending) }
            let rest = pending
            try await BlockingIO.run {
                try FileDescriptor.write(rest, to: fd, path: path)
                if durably { try FileDescriptor.sync(fd, path: path) }
            }
            file.close()
            return (id, size, Array(md5.finalize()), segment)
        } catch {
            file.close()
            unlink(path)
            throw error
        }
    }

    /// Concatenates blobs into a new staging file, fsynced.
    func stageConcatenation(of blobIds: [String]) async throws -> (id: String, size: Int64) {
        try await BlockingIO.run { try concatenate(blobIds) }
    }

    private func concatenate(_ blobIds: [String]) throws -> (id: String, size: Int64) {
        let id = Identifiers.blob()
        let path = stagedPath(id)
        let file = try FileDescriptor.create(path)
        do {
            var size: Int64 = 0
            for blobId in blobIds {
                size += try file.append(contentsOf: blobPath(blobId))
            }
            try file.sync()
            file.close()
            return (id, size)
        } catch {
            file.close()
            unlink(path)
            throw error
        }
    }

    /// The MD5 of a staged file's bytes (an appended object's new ETag), read off the cooperative pool.
    func stagedMD5(_ id: String) async throws -> [UInt8] {
        try await BlockingIO.run {
            let file = try FileDescriptor.openForReading(stagedPath(id))
            defer { file.close() }
            var md5 = Insecure.MD5()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var offset: Int64 = 0
            while true {
                let count = try file.read(into: buffer, at: offset)
                if count == 0 { break }
                md5.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                offset += Int64(count)
            }
            return Array(md5.finalize())
        }
    }

    /// Removes a staged file, or the blob it became when the transaction that was to refer to it did not commit (a
    /// refused condition, a full disk): callers discard only blobs no committed row names.
    func discard(_ id: String) {
        unlink(stagedPath(id))
        unlink(blobPath(id))
    }

    /// Removes everything in `staging/`: writes that a crash or a kill interrupted.
    func clearStaging() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: stagingPath) {
            unlink(stagedPath(name))
        }
    }

    // MARK: Blobs

    /// Moves a staged file into `blobs/` under the same id and makes the rename durable, in a round shared with the
    /// writers publishing meanwhile. Callers publish before the catalog transaction that refers to the blob: a crash in
    /// between leaves an orphan that the start-up sweep deletes.
    func publish(_ id: String) async throws {
        let folder = try move(id)
        try await renames.sync(folder: folder)
    }

    /// Moves a staged file into `blobs/` under the same id, not durably yet: a batch (folder adoption) moves them all,
    /// then calls `syncFileSystem()` once.
    /// - Returns: the folder the blob is in now.
    @discardableResult
    func move(_ id: String) throws -> String {
        let folder = "\(blobsPath)/\(id.prefix(2))"
        if mkdir(folder, PrivateTree.directoryMode) != 0 && errno != EEXIST {
            throw IOError(errnoCode: errno, reason: "mkdir \(folder)")
        }
        guard rename(stagedPath(id), blobPath(id)) == 0 else {
            throw IOError(errnoCode: errno, reason: "rename staged blob \(id)")
        }
        return folder
    }

    /// Makes every write and rename under `.obslab/` durable at once: one flush for a batch instead of one a file.
    func syncFileSystem() {
        FileDescriptor.syncAll()
    }

    /// Stages a new blob with the bytes of an existing one: a hard link (blobs are immutable), or a copy.
    func clone(_ sourceId: String) async throws -> String {
        try await BlockingIO.run { try linkOrCopy(sourceId) }
    }

    private func linkOrCopy(_ sourceId: String) throws -> String {
        let id = Identifiers.blob()
        if link(blobPath(sourceId), stagedPath(id)) != 0 {
            let file = try FileDescriptor.create(stagedPath(id))
            do {
                _ = try file.append(contentsOf: blobPath(sourceId))
                try file.sync()
                file.close()
            } catch {
                file.close()
                unlink(stagedPath(id))
                throw error
            }
        }
        return id
    }

    func removeBlob(_ id: String) {
        unlink(blobPath(id))
    }

    /// The ids of every file in `blobs/`.
    func allBlobIds() throws -> [String] {
        var ids: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: blobsPath) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "\(blobsPath)/\(folder)")) ?? []
            ids.append(contentsOf: entries)
        }
        return ids
    }
}
