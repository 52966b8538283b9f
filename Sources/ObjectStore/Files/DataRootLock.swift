import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock a store holds on its data root (`.obslab/lock`, with the holder's process id in it) while it is
/// open. A second process opening the same root would empty the first one's staging folder and sweep the blobs it is
/// about to publish; the lock makes it stop with a clear error instead. The system releases the lock when a process
/// dies, so a crash never leaves a root locked.
final class DataRootLock: Sendable {
    private let descriptor: Mutex<Int32>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// - Throws: `DataRootInUseError` when another open store (of this or another process) holds the lock.
    static func acquire(directory: String) throws -> DataRootLock {
        let path = directory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, PrivateTree.fileMode)
        guard fd >= 0 else { throw IOError(errnoCode: errno, reason: "open \(path)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            _ = close(fd)
            guard code == EWOULDBLOCK else { throw IOError(errnoCode: code, reason: "lock \(path)") }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            throw DataRootInUseError(dataRoot: (directory as NSString).deletingLastPathComponent, holderProcessId: holder.flatMap(Int32.init))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return DataRootLock(descriptor: fd)
    }

    /// Unlocks; later calls do nothing.
    func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = flock(fd, LOCK_UN)
            _ = close(fd)
            fd = -1
        }
    }
}

/// Another open store holds the data root.
public struct DataRootInUseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var dataRoot: String
    /// The process that holds it, as it wrote itself in the lock file.
    public var holderProcessId: Int32?

    public var description: String {
        let holder = holderProcessId.map { "another obslab process (pid \($0))" } ?? "another obslab process"
        return "The data root \(dataRoot) is in use by \(holder); stop it, or give this one another --data-dir"
    }
}
