import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `.obslab/` holds the catalogs, the blobs and the sealed keys: folders 0700, files 0600, only for the user running
/// obslab. New files get these modes when they are made; `restrict` fixes what versions before root keys left readable.
enum PrivateTree {
    static let fileMode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700

    /// Creates `path` if needed and gives it mode 0700 (also when it exists).
    static func createDirectory(_ path: String) throws {
        if mkdir(path, directoryMode) != 0 && errno != EEXIST {
            throw IOError(errnoCode: errno, reason: "mkdir \(path)")
        }
        guard chmod(path, directoryMode) == 0 else { throw IOError(errnoCode: errno, reason: "chmod \(path)") }
    }

    /// Creates `path` empty if it does not exist, and gives it mode 0600 (also when it exists).
    static func createFile(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "open \(path)") }
        defer { _ = close(fd) }
        guard fchmod(fd, fileMode) == 0 else { throw IOError(errnoCode: errno, reason: "chmod \(path)") }
    }

    /// Gives `root` and every folder below it mode 0700 and every file mode 0600; returns how many it changed.
    /// Symbolic links are left alone.
    @discardableResult
    static func restrict(_ root: String) throws -> Int {
        var changed = 0
        var pending = [root]
        while let directory = pending.popLast() {
            changed += try restrictEntry(directory, to: directoryMode) ? 1 : 0
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
                let path = directory + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }  // removed meanwhile
                switch status.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG: changed += try restrictEntry(path, to: fileMode) ? 1 : 0
                default: continue
                }
            }
        }
        return changed
    }

    private static func restrictEntry(_ path: String, to mode: mode_t) throws -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        guard status.st_mode & 0o777 != mode else { return false }
        guard chmod(path, mode) == 0 else { throw IOError(errnoCode: errno, reason: "chmod \(path)") }
        return true
    }
}
