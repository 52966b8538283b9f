import NIOPosix

/// The threads that run the store's blocking file work: writes, fsyncs, rounds of renames made durable, copies of
/// whole blobs, large reads.
///
/// Not Swift's cooperative pool, which has one thread per core and must never block; and not Dispatch's global queue,
/// which libdispatch on Linux also sizes to the cores: there, with one thread asleep in a flush round, the fsyncs of
/// concurrent PUTs ran one at a time. Sixteen threads let as many fsyncs wait on the disk together, where the file
/// system's journal commits them in one go.
enum BlockingIO {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 16)
        pool.start()
        return pool
    }()

    /// Runs `work` on one of the pool's threads.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(work)
    }

    /// Starts `work` on one of the pool's threads, without waiting for it.
    static func start(_ work: @escaping @Sendable () -> Void) {
        pool.submit { _ in work() }
    }
}
