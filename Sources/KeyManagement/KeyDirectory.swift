@preconcurrency import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The KMS directory: `keys.json` (metadata) and `material/<key id>.key` (32 raw bytes each), all mode 0600.
///
/// Every write goes to a temporary file that is fsynced, renamed over the target and made durable by an fsync of the
/// directory, so a crash leaves either the old or the new file, never a torn one. Material is written before the
/// metadata that names it.
struct KeyDirectory: Sendable {
    static let keyByteCount = 32

    let path: String

    var metadataPath: String { path + "/keys.json" }
    var materialDirectory: String { path + "/material" }

    func materialPath(_ id: String) -> String { materialDirectory + "/" + id + ".key" }

    /// Creates the directories (0700) and removes temporary files left by an interrupted write.
    func prepare() throws(KMSError) {
        for directory in [path, materialDirectory] {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw .storage("Cannot create the KMS directory \(directory): \(error)")
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.contains(".tmp-") {
                unlink(directory + "/" + name)
            }
        }
    }

    /// The metadata, or nil when `keys.json` does not exist.
    func readDocument() throws(KMSError) -> KeyStoreDocument? {
        guard let bytes = try Self.readFile(metadataPath) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let document: KeyStoreDocument
        do {
            document = try decoder.decode(KeyStoreDocument.self, from: Data(bytes))
        } catch {
            throw .storage("The KMS metadata file \(metadataPath) is corrupt (\(error)); keys cannot be loaded")
        }
        guard document.formatVersion == KeyStoreDocument.currentFormatVersion else {
            throw .storage("The KMS metadata file \(metadataPath) has format version \(document.formatVersion), expected 1")
        }
        return document
    }

    func writeDocument(_ document: KeyStoreDocument) throws(KMSError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(document)
        } catch {
            throw .storage("Cannot encode the KMS metadata: \(error)")
        }
        try Self.writeAtomically(Array(data), to: metadataPath, directory: path)
    }

    func readMaterial(_ id: String) throws(KMSError) -> SymmetricKey {
        let file = materialPath(id)
        guard let bytes = try Self.readFile(file) else {
            throw .storage("The material of KMS key \(id) is missing (\(file)); its data cannot be decrypted")
        }
        guard bytes.count == Self.keyByteCount else {
            throw .storage("The material of KMS key \(id) is corrupt (\(file) has \(bytes.count) bytes, expected 32)")
        }
        return SymmetricKey(data: bytes)
    }

    func writeMaterial(_ key: SymmetricKey, id: String) throws(KMSError) {
        let bytes = key.withUnsafeBytes { Array($0) }
        try Self.writeAtomically(bytes, to: materialPath(id), directory: materialDirectory)
    }

    /// Ids of the key files present, whether or not the metadata names them.
    func materialIds() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: materialDirectory)) ?? []
        return names.filter { $0.hasSuffix(".key") }.map { String($0.dropLast(4)) }
    }

    /// The whole file, or nil if it does not exist.
    private static func readFile(_ path: String) throws(KMSError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .storage("Cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .storage("Cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String) throws(KMSError) {
        let temporary = path + ".tmp-" + UUID().uuidString
        do throws(KMSError) {
            try writeAndSync(bytes, to: temporary)
            guard rename(temporary, path) == 0 else { throw failure("rename \(temporary) to \(path)") }
            let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard directoryFD >= 0 else { throw failure("open \(directory)") }
            defer { close(directoryFD) }
            guard fsync(directoryFD) == 0 else { throw failure("fsync \(directory)") }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func writeAndSync(_ bytes: [UInt8], to path: String) throws(KMSError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create \(path)") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write \(path)")
            }
            written += count
        }
        guard fsync(fd) == 0 else { throw failure("fsync \(path)") }
    }

    private static func failure(_ operation: String) -> KMSError {
        .storage("Cannot \(operation): \(String(cString: strerror(errno)))")
    }
}
