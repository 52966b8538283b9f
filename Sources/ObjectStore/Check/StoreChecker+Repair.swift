import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--repair`: fixes what loses nothing a client could still read, and marks those findings repaired.
///
/// A catalog SQLite finds damaged may have lost the rows that name some blob files: then nothing is removed.
extension StoreChecker {
    mutating func repair() throws {
        guard !report.findings.contains(where: { $0.kind == .damagedCatalog }) else {
            report.repairWithheld = "the catalog file is damaged, so files that look unreferenced may still be needed: nothing was removed"
            return
        }
        let withoutLatest = keysWithoutLatest
        let orphanParts = partsWithoutUpload
        try database.write { db in
            for (bucket, key) in withoutLatest { try ObjectCatalog.promoteNewestVersion(bucket: bucket, key: key, db) }
            for uploadId in orphanParts.keys { try ObjectCatalog.deletePartsWithoutUpload(uploadId: uploadId, db) }
        }
        for blobIds in orphanParts.values {
            for id in blobIds { blobs.removeBlob(id) }
        }
        for index in report.findings.indices where report.findings[index].kind.isSafeToRepair {
            if let path = report.findings[index].path, unlink(path) != 0 && errno != ENOENT { continue }
            report.findings[index].isRepaired = true
        }
    }
}
