import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory freed since the last time back to the system, every few seconds while the server runs.
///
/// A sync or a manifest import of 100,000 samples holds a few hundred MiB for a moment. glibc keeps what is freed in
/// its arenas for the next allocation, so without `malloc_trim(3)` the server would stay at its peak for the rest of
/// its life, on a laptop where it should disappear. A trim of a heap with nothing to return costs microseconds.
struct MemoryReturnService: Service {
    var interval: Duration = .seconds(5)

    func run() async throws {
        guard let trim = Self.mallocTrim else { return try await gracefulShutdown() }
        // Ends, without delaying it, at the group's shutdown: the sleep is cancelled then.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                _ = trim(0)
            }
        }
    }

    /// Limits glibc to one malloc arena a core (call it before the server's threads start). By default glibc gives
    /// contending threads up to eight arenas a core, and a server with a hundred threads (NIO's, Dispatch's, the blocking
    /// I/O pool's) kept tens of MiB of free fragments in them that `malloc_trim` cannot return: after a LIST load,
    /// 81 MiB against 56 MiB, no slower.
    static func limitArenas(to count: Int) {
        #if canImport(Glibc)
        let arenaMax: Int32 = -8  // M_ARENA_MAX, from malloc.h
        guard let mallopt = dlsym(nil, "mallopt").map({ unsafeBitCast($0, to: (@convention(c) (Int32, Int32) -> Int32).self) }) else {
            return
        }
        _ = mallopt(arenaMax, Int32(count))
        #endif
    }

    /// glibc's `malloc_trim`, looked up at run time: Glibc's Swift module leaves `malloc.h` out; other C libraries have
    /// none. (`nil` is `RTLD_DEFAULT`: every loaded library.)
    #if canImport(Glibc)
    static let mallocTrim: (@convention(c) (Int) -> Int32)? = dlsym(nil, "malloc_trim").map {
        unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self)
    }
    #else
    static let mallocTrim: (@convention(c) (Int) -> Int32)? = nil
    #endif
}
