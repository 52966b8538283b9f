import Foundation
import GRDB
import Testing

@testable import ObjectStore

/// Point reads take a free read-only connection and never wait for one: a caller that finds none free reads the
/// usual way (GRDB's async read), so no thread of the cooperative pool ever blocks on a connection.
struct PointReadersTests {
    @Test func aBusyReaderIsNeverWaitedFor() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let path = root.path + "/point-readers.sqlite"
        let writer = try DatabasePool(path: path)
        try await writer.write { db in
            try db.execute(sql: "CREATE TABLE answer (value INTEGER)")
            try db.execute(sql: "INSERT INTO answer VALUES (42)")
        }
        let readers = try PointReaders(path: path, count: 1)
        let outer = try readers.readIfIdle { db in
            let inner = try readers.readIfIdle { db in try Int.fetchOne(db, sql: "SELECT value FROM answer") }
            return (try Int.fetchOne(db, sql: "SELECT value FROM answer"), inner)
        }
        #expect(outer?.0 == 42)
        #expect(outer?.1 == nil, "the only connection was busy: the inner read was refused, not waited for")
        #expect(try readers.readIfIdle { db in try Int.fetchOne(db, sql: "SELECT value FROM answer") } == 42, "it was given back")

        try await writer.write { db in try db.execute(sql: "UPDATE answer SET value = 43") }
        #expect(try readers.readIfIdle { db in try Int.fetchOne(db, sql: "SELECT value FROM answer") } == 43, "it reads what was committed")
        try readers.close()
        #expect(try readers.readIfIdle { _ in 1 } == nil, "closed: every read goes the usual way")
    }
}
