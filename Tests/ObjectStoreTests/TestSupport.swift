import Crypto
import Foundation
import KeyManagement
import Logging
import NIOCore

@testable import ObjectStore

/// A fresh data root in the temporary directory, removed by `withStore`, with its root key (kept elsewhere in memory).
struct TemporaryDataRoot {
    let path: String
    var rootKey = RootKey.generate()

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/obslab-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var blobsPath: String { path + "/.obslab/blobs" }
    var stagingPath: String { path + "/.obslab/staging" }

    func open() async throws -> ObjectStore {
        try await open(rootKey: rootKey)
    }

    func open(rootKey: RootKey) async throws -> ObjectStore {
        let quiet = Logger(label: "obslab.tests", factory: { _ in SwiftLogNoOpLogHandler() })
        return try await ObjectStore.open(dataRoot: path, rootKey: rootKey, logger: quiet)
    }

    /// The files in `blobs/`.
    func blobFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: blobsPath).flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: blobsPath + "/" + folder)
        }
    }

    func stagingFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: stagingPath)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a store on a new temporary data root, then closes and removes it.
func withStore<T>(_ body: (ObjectStore, TemporaryDataRoot) async throws -> T) async throws -> T {
    let root = try TemporaryDataRoot()
    defer { root.remove() }
    let store = try await root.open()
    do {
        let result = try await body(store, root)
        try store.close()
        return result
    } catch {
        try? store.close()
        throw error
    }
}

struct ClientDisconnected: Error {}

/// A request body of several chunks, that can fail after some of them like a client that goes away.
struct Chunks: AsyncSequence {
    typealias Element = ByteBuffer

    let chunks: [[UInt8]]
    var failAfter: Int?

    init(_ chunks: [[UInt8]], failAfter: Int? = nil) {
        self.chunks = chunks
        self.failAfter = failAfter
    }

    init(_ string: String) {
        self.init([Array(string.utf8)])
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: chunks, failAfter: failAfter)
    }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: [[UInt8]]
        let failAfter: Int?
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            if index == failAfter { throw ClientDisconnected() }
            guard index < chunks.count else { return nil }
            defer { index += 1 }
            return ByteBuffer(bytes: chunks[index])
        }
    }
}

func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < count {
            withUnsafeBytes(of: generator.next() as UInt64) { word in
                for byte in word.prefix(count - offset) {
                    buffer[offset] = byte
                    offset += 1
                }
            }
        }
    }
    return bytes
}

func md5Hex(_ bytes: [UInt8]) -> String {
    Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

extension ObjectStore {
    @discardableResult
    func put(_ bucket: String, _ key: String, _ bytes: [UInt8], attributes: ObjectAttributes = ObjectAttributes()) async throws -> ObjectVersion {
        let staged = try await stage(Chunks([bytes]))
        return try await putObject(bucket: bucket, key: key, staged: staged, attributes: attributes)
    }

    @discardableResult
    func put(_ bucket: String, _ key: String, _ text: String) async throws -> ObjectVersion {
        try await put(bucket, key, Array(text.utf8))
    }

    func bytes(_ version: ObjectVersion, range: ClosedRange<Int64>? = nil, access: ReadAccess = .owner) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in try read(version, range: range, access: access) { bytes += Array(buffer: chunk) }
        return bytes
    }

    func text(_ bucket: String, _ key: String, versionId: String? = nil) async throws -> String {
        let version = try await headObject(bucket: bucket, key: key, versionId: versionId)
        return String(decoding: try await bytes(version), as: UTF8.self)
    }
}

/// The S3 code of the error `body` throws, or nil.
func storeErrorCode(_ body: () async throws -> some Any) async -> StoreError.Code? {
    do {
        _ = try await body()
        return nil
    } catch let error as StoreError {
        return error.code
    } catch {
        return nil
    }
}

extension ReadAccess {
    /// The owner, as the test stores are opened with.
    static let owner = ReadAccess(principal: "owner")
}
