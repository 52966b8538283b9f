import GRDB
import Synchronization

/// Read-only connections for the one-row reads every request makes (its object version), run on the calling thread.
///
/// GRDB's async reads hop to a reader's queue and back: two thread switches that cost a GET more than the read itself.
/// Its synchronous reads must not be called from Swift's cooperative pool either: they wait for a free reader, and the
/// async reads holding the readers give them back on that very pool, which deadlocks once every thread of the pool
/// waits. So these connections are taken, never waited for: when all are busy the caller reads the usual way.
final class PointReaders: Sendable {
    private let idle: Mutex<[DatabaseQueue]>

    /// Opens `count` read-only connections to the catalog at `path` (in WAL mode, so they never wait for the writer).
    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "point-reader"
        idle = Mutex(try (0..<count).map { _ in try DatabaseQueue(path: path, configuration: configuration) })
    }

    /// `read`'s answer from a free connection, outside a transaction (one statement is its own snapshot); nil, without
    /// reading, when none is free.
    func readIfIdle<T>(_ read: (Database) throws -> T) throws -> T? {
        guard let connection = idle.withLock({ $0.popLast() }) else { return nil }
        defer { idle.withLock { $0.append(connection) } }
        return try connection.unsafeRead(read)
    }

    /// Closes the connections; reads then go the usual way.
    func close() throws {
        try idle.withLock { connections in
            for connection in connections { try connection.close() }
            connections.removeAll()
        }
    }
}
