import Foundation
import KeyManagement
import Logging
import NIOCore

/// A fresh directory under the system temporary directory, removed by `remove()`, with the root key of its KMS.
struct TemporaryDirectory {
    let path: String
    let rootKey = RootKey.generate()

    init() throws {
        path = NSTemporaryDirectory() + "kms-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Where the engine puts the KMS: below a directory that does not exist yet.
    var kmsPath: String { path + "/.obslab/kms" }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

let owner = "obslabroot"
let serviceAccount = "modelarts-service"
let otherUser = "user2-access-key"

func openKMS(_ directory: TemporaryDirectory, rootKey: RootKey? = nil) throws -> KeyManagementService {
    try KeyManagementService.open(
        directory: directory.kmsPath,
        rootKey: rootKey ?? directory.rootKey,
        owner: owner,
        logger: Logger(label: "kms-tests") { _ in SwiftLogNoOpLogHandler() }
    )
}

/// SplitMix64: reproducible randomness for feed sizes and plaintexts.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, using generator: inout SeededGenerator) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}

/// Cuts `bytes` into pieces of random sizes (including empty ones) between 0 and `maximum`.
func randomPieces(_ bytes: [UInt8], maximum: Int, using generator: inout SeededGenerator) -> [ByteBuffer] {
    var pieces: [ByteBuffer] = []
    var offset = 0
    while offset < bytes.count {
        let count = min(Int.random(in: 0...maximum, using: &generator), bytes.count - offset)
        pieces.append(ByteBuffer(bytes: bytes[offset..<offset + count]))
        offset += count
    }
    return pieces
}

extension ByteBuffer {
    var bytes: [UInt8] { Array(readableBytesView) }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs anywhere in these bytes.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { start in self[start..<start + needle.count].elementsEqual(needle) }
    }
}

/// Every regular file below `path`, with its bytes: what someone holding a copy of the folder can read.
func filesBelow(_ path: String) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: path)
    while let relative = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = path + "/" + relative
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
        }
    }
    return files
}
