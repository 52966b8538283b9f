import Foundation
import GRDB

/// The folders of the data root adopted as buckets.
extension ObjectCatalog {
    /// The names of the folders adopted already and of the buckets: neither is adopted again.
    func adoptedFolderAndBucketNames() async throws -> (adopted: Set<String>, buckets: Set<String>) {
        try await writer.read { db in
            (
                Set(try String.fetchAll(db, sql: "SELECT name FROM adoptedFolder")),
                Set(try String.fetchAll(db, sql: "SELECT name FROM bucket"))
            )
        }
    }

    /// Records `bucket` with `objects` (whose blobs are published already) and the folder it came from, in one transaction.
    func adopt(_ bucket: BucketRecord, objects: [ObjectVersionRecord]) async throws {
        try await writer.write { db in
            try bucket.insert(db)
            for var object in objects { try object.insert(db) }
            try AdoptedFolderRecord(name: bucket.name, adoptedAt: bucket.creationDate).insert(db)
        }
    }
}
