import Synchronization

/// Makes blob renames durable in rounds shared by every writer waiting (group commit).
///
/// A writer renames its blob, then asks for its folder and waits. A round flushes, once, every folder asked for before
/// it started; writers arriving meanwhile gather for the next round. So N concurrent PUTs share a few flushes instead of
/// making one each, and no flush happens inside the catalog's write transaction, where it held up every other write.
final class RenameSyncGroup: Sendable {
    /// Makes the renames done in `folders` durable.
    typealias Flush = @Sendable (_ folders: Set<String>) throws -> Void

    private struct State {
        var folders: Set<String> = []
        var waiting: [CheckedContinuation<Void, any Error>] = []
        var flushing = false
    }

    private let state = Mutex(State())
    private let flush: Flush
    /// The rounds flushed so far.
    let rounds = Atomic<Int>(0)

    init(flush: @escaping Flush) {
        self.flush = flush
    }

    /// Returns once a flush that started after this call covered `folder`.
    /// - Throws: the error of that flush.
    func sync(folder: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startsRounds = state.withLock { state in
                state.folders.insert(folder)
                state.waiting.append(continuation)
                defer { state.flushing = true }
                return !state.flushing
            }
            // Flushes block: they run on a thread of their own, never on the cooperative pool.
            if startsRounds { BlockingIO.start { self.flushRounds() } }
        }
    }

    /// Flushes rounds until no writer waits.
    private func flushRounds() {
        while true {
            let round: (folders: Set<String>, waiting: [CheckedContinuation<Void, any Error>])? = state.withLock { state in
                guard !state.waiting.isEmpty else {
                    state.flushing = false
                    return nil
                }
                defer { (state.folders, state.waiting) = ([], []) }
                return (state.folders, state.waiting)
            }
            guard let round else { return }
            rounds.add(1, ordering: .relaxed)
            let result = Result { try flush(round.folders) }
            for continuation in round.waiting { continuation.resume(with: result) }
        }
    }

    /// The file system's flush: one `syncfs(2)` of the file system holding `root` where the C library has it (a round
    /// then costs one call however many folders it covers), else one fsync per folder.
    static func fileSystemFlush(root: String) -> Flush {
        { folders in
            if try FileDescriptor.syncFileSystem(containing: root) { return }
            for folder in folders { try FileDescriptor.syncDirectory(folder) }
        }
    }
}
