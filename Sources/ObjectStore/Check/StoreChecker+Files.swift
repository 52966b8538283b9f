import Foundation

/// The files under `.obslab/`: every referenced blob present with its size, nothing else in `blobs/`, nothing in `staging/`.
extension StoreChecker {
    mutating func checkBlobFiles() throws {
        let found = try blobFilesOnDisk()
        report.blobFiles = found.count
        for (id, blob) in expected.sorted(by: { $0.value.subject < $1.value.subject }) {
            guard let size = found[id] else {
                report.add(
                    CheckFinding(
                        .missingBlob,
                        blob.subject,
                        "its blob file \(id) is gone: the bytes are lost; delete this entry or restore the data root from a backup"
                    )
                )
                continue
            }
            if let expectedSize = blob.size, expectedSize != size {
                report.add(
                    CheckFinding(
                        .wrongBlobSize,
                        blob.subject,
                        "its blob file \(id) has \(size) bytes where \(expectedSize) were written; restore it from a backup or delete this entry"
                    )
                )
                continue
            }
            if options.deep {
                if let content = blob.content {
                    try verify(blobId: id, subject: blob.subject, content: content)
                } else if blob.size != nil {
                    report.notDecrypted += 1
                }
            }
        }
        for (id, size) in found.sorted(by: { $0.key < $1.key }) where expected[id] == nil {
            report.add(
                CheckFinding(.orphanBlob, "blob \(id)", "no version or part refers to it (\(size) bytes)", path: blobs.blobPath(id), bytes: size)
            )
        }
    }

    /// Blob id → size of every blob file; anything else in `blobs/` is reported as an unexpected file.
    private mutating func blobFilesOnDisk() throws -> [String: Int64] {
        var found: [String: Int64] = [:]
        for folder in try FileManager.default.contentsOfDirectory(atPath: blobs.blobsPath).sorted() {
            let folderPath = blobs.blobsPath + "/" + folder
            guard Self.isFanOutFolder(folder), Self.fileType(folderPath) == .typeDirectory else {
                report.add(CheckFinding(.unexpectedFile, folderPath, "not a blob folder; obslab never writes it"))
                continue
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: folderPath).sorted() {
                let path = folderPath + "/" + name
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                guard name.hasPrefix(folder), Self.isBlobId(name), attributes?[.type] as? FileAttributeType == .typeRegular,
                    let size = (attributes?[.size] as? NSNumber)?.int64Value
                else {
                    report.add(CheckFinding(.unexpectedFile, path, "not a blob file; obslab never writes it"))
                    continue
                }
                found[name] = size
            }
        }
        return found
    }

    mutating func checkStaging() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: blobs.stagingPath).sorted() {
            let size = (try? FileManager.default.attributesOfItem(atPath: blobs.stagedPath(name)))?[.size] as? NSNumber
            report.add(
                CheckFinding(
                    .stagingLeftover,
                    "staging/\(name)",
                    "an interrupted write (\(size?.int64Value ?? 0) bytes), never visible to clients",
                    path: blobs.stagedPath(name),
                    bytes: size?.int64Value ?? 0
                )
            )
        }
    }

    private static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    private static func isFanOutFolder(_ name: String) -> Bool {
        name.utf8.count == 2 && name.utf8.allSatisfy(isLowerHex)
    }

    /// 32 lowercase hex digits, as `Identifiers.blob()` makes them.
    private static func isBlobId(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy(isLowerHex)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}
