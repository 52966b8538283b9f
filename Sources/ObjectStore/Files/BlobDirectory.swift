import Crypto
import Foundation
import KeyManagement
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files under `.obslab/`: immutable blobs in `blobs/xx/<id>` and writes in progress in `staging/<id>`.
///
/// A staged file keeps its id when published: publishing is one rename.
struct BlobDirectory: Sendable {
    let blobsPath: String
    let stagingPath: String

    init(root: String) {
        blobsPath = root + "/blobs"
        stagingPath = root + "/staging"
    }

    func blobPath(_ id: String) -> String {
        "\(blobsPath)/\(id.prefix(2))/\(id)"
    }

    func stagedPath(_ id: String) -> String {
        "\(stagingPath)/\(id)"
    }

    func createDirectories() throws {
        try FileManager.default.createDirectory(atPath: blobsPath, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
    }

    // MARK: Staging

    /// Streams `body` into a new staging file, fsynced, with its size and MD5. On any error the file is removed.
    ///
    /// With an `encryptor` the file holds the ciphertext while size and MD5 describe the plaintext; the encrypted
    /// segment it wrote is returned with them.
    /// - Parameter durably: fsync the file now; a batch (folder adoption) passes false and calls `syncFileSystem()` once.
    func stage<Body: AsyncSequence>(_ body: Body, encryptor: ChunkEncryptor? = nil, durably: Bool = true) async throws
        -> (id: String, size: Int64, md5: [UInt8], segment: EncryptedSegment?) where Body.Element == ByteBuffer
    {
        let id = Identifiers.blob()
        let path = stagedPath(id)
        let file = try FileDescriptor.create(path)
        do {
            var md5 = Insecure.MD5()
            var size: Int64 = 0
            var encryptor = encryptor
            var ciphertext = ByteBuffer()
            for try await chunk in body {
                try Task.checkCancellation()
                chunk.withUnsafeReadableBytes { md5.update(bufferPointer: $0) }
                size += Int64(chunk.readableBytes)
                if encryptor != nil {
                    ciphertext.clear()
                    try encryptor!.update(chunk, into: &ciphertext)
                    try ciphertext.withUnsafeReadableBytes { try file.write($0) }
                } else {
                    try chunk.withUnsafeReadableBytes { try file.write($0) }
                }
            }
            var segment: EncryptedSegment?
            if encryptor != nil {
                ciphertext.clear()
                segment = try encryptor!.finish(into: &ciphertext)
                try ciphertext.withUnsafeReadableBytes { try file.write($0) }
            }
            if durably {
                let fd = file.fd
                try await Self.offload { try FileDescriptor.sync(fd, path: path) }
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
        try await Self.offload { try concatenate(blobIds) }
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

    func discard(_ id: String) {
        unlink(stagedPath(id))
    }

    /// Removes everything in `staging/`: writes that a crash or a kill interrupted.
    func clearStaging() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: stagingPath) {
            unlink(stagedPath(name))
        }
    }

    // MARK: Blobs

    /// Moves a staged file into `blobs/` under the same id and makes the rename durable.
    /// - Parameter durably: fsync the folder now; a batch passes false and calls `syncFileSystem()` before it commits.
    func publish(_ id: String, durably: Bool = true) throws {
        let folder = "\(blobsPath)/\(id.prefix(2))"
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw IOError(errnoCode: errno, reason: "mkdir \(folder)")
        }
        guard rename(stagedPath(id), blobPath(id)) == 0 else {
            throw IOError(errnoCode: errno, reason: "rename staged blob \(id)")
        }
        if durably { try FileDescriptor.syncDirectory(folder) }
    }

    /// Makes every write and rename under `.obslab/` durable at once: one flush for a batch instead of one a file.
    func syncFileSystem() {
        FileDescriptor.syncAll()
    }

    /// Stages a new blob with the bytes of an existing one: a hard link (blobs are immutable), or a copy.
    func clone(_ sourceId: String) async throws -> String {
        try await Self.offload { try linkOrCopy(sourceId) }
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

    /// Runs blocking file work (fsync, copies of whole blobs) off the cooperative thread pool.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
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
