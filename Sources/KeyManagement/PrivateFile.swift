import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// Files only their owner may read or write: created 0600 in folders 0700, replaced atomically and durably.
///
/// A replacement goes to a temporary file in the same folder that is fsynced, renamed over the target and made durable
/// by an fsync of the folder, so a crash leaves either the old or the new file, never a torn one. Temporary files are
/// named `<name>.tmp-<uuid>`; `removeTemporaryFiles(in:)` removes those an interrupted write left.
enum PrivateFile {
    /// A failed file operation, naming the operation, the path and the system's reason.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    static let fileMode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700

    /// Creates `path` (and missing parents, with the system's default mode) and gives `path` itself mode 0700.
    static func createDirectory(_ path: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "Cannot create the folder \(path): \(error)")
        }
        guard chmod(path, directoryMode) == 0 else { throw failure("chmod \(path)") }
    }

    /// The whole file, or nil if it does not exist.
    static func read(_ path: String) throws(Failure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("open \(path)")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read \(path)")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Replaces (or creates) `path` with `bytes`, atomically and durably.
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = try writeTemporary(bytes, beside: path)
        guard rename(temporary, path) == 0 else {
            let error = failure("rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        try syncDirectory(of: path)
    }

    /// Creates `path` with `bytes` unless it exists, durably; false (and nothing written) if it already exists.
    ///
    /// The complete file appears at once (a hard link of a synced temporary file): two processes racing to create
    /// the same file never see a partial one, and exactly one of them wins.
    static func create(_ bytes: [UInt8], at path: String) throws(Failure) -> Bool {
        let temporary = try writeTemporary(bytes, beside: path)
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return false }
            throw failure("link \(temporary) to \(path)")
        }
        try syncDirectory(of: path)
        return true
    }

    /// Removes `path` durably; a missing file is not an error.
    static func remove(_ path: String) throws(Failure) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("remove \(path)") }
        try syncDirectory(of: path)
    }

    /// Removes the temporary files an interrupted write left in `directory`.
    static func removeTemporaryFiles(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.contains(".tmp-") {
            unlink(directory + "/" + name)
        }
    }

    /// The permission bits of `path`, or nil if it cannot be examined.
    static func mode(of path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o777
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String) throws(Failure) -> String {
        let temporary = path + ".tmp-" + UUID().uuidString
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw failure("create \(temporary)") }
        defer { close(fd) }
        do throws(Failure) {
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, $0.count - written) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure("write \(temporary)")
                }
                written += count
            }
            // The mode given to open() is narrowed by the umask, never widened: make sure no one else may read.
            guard fchmod(fd, fileMode) == 0 else { throw failure("chmod \(temporary)") }
            guard fsync(fd) == 0 else { throw failure("fsync \(temporary)") }
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    private static func syncDirectory(of path: String) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open \(directory)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync \(directory)") }
    }

    private static func failure(_ operation: String) -> Failure {
        Failure(description: "Cannot \(operation): \(String(cString: strerror(errno)))")
    }
}
