import ArgumentParser
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The disk's bound for durable small writes: `--threads` threads each create a file, write 4 KiB, fsync it, close it
/// and rename it into place, for `--seconds`; prints files per second. A durable PUT does at least this (obslab also
/// makes the rename and its catalog row durable), so no server can acknowledge durable 4 KiB PUTs faster on this disk.
struct DurableWrites: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "durable-writes")

    @Option(help: "A folder on the file system to measure (it is filled and emptied).") var directory: String
    @Option var threads = 16
    @Option var seconds = 4.0

    func run() throws {
        let deadline = Date().addingTimeInterval(seconds)
        let total = Total()
        let finished = DispatchGroup()
        for index in 0..<threads {
            finished.enter()
            let worker = Thread { [directory] in
                var written = 0
                while Date() < deadline {
                    let staged = "\(directory)/staged-\(index)-\(written)"
                    let fd = open(staged, O_CREAT | O_WRONLY | O_EXCL, 0o600)
                    precondition(fd >= 0, "cannot create \(staged): errno \(errno)")
                    let block = [UInt8](repeating: 0x5A, count: 4096)
                    precondition(block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == 4096, "short write")
                    precondition(fsync(fd) == 0, "fsync: errno \(errno)")
                    close(fd)
                    // Replacing one of 50 names per thread, as the PUT benchmark replaces one of 1,000 keys.
                    precondition(rename(staged, "\(directory)/file-\(index)-\(written % 50)") == 0, "rename: errno \(errno)")
                    written += 1
                }
                total.files.add(written, ordering: .relaxed)
                finished.leave()
            }
            worker.start()
        }
        finished.wait()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) { unlink("\(directory)/\(name)") }
        print(String(format: "%.0f", Double(total.files.load(ordering: .relaxed)) / seconds))
    }
}

/// The files the threads wrote, summed as they finish.
private final class Total: Sendable {
    let files = Atomic<Int>(0)
}
