import Foundation
import Logging

extension ObjectStore {
    /// Turns each new visible folder of the data root into a bucket of the store's owner, its files into objects (the
    /// demo data ships this way).
    ///
    /// The files are copied, never moved: the folders may live in git. Each folder is adopted once, in one transaction,
    /// and recorded, so a bucket the user deleted does not come back.
    func adoptFolders() async throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: dataRoot).sorted()
        let (known, buckets) = try await catalog.adoptedFolderAndBucketNames()
        for name in entries where !name.hasPrefix(".") && !known.contains(name) && !buckets.contains(name) {
            let folder = dataRoot + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard BucketName.isValid(name) else {
                logger.warning("Not adopting a folder whose name is not a valid bucket name", metadata: ["store.folder": "\(name)"])
                continue
            }
            try await adoptFolder(name, at: folder)
        }
    }

    private func adoptFolder(_ name: String, at folder: String) async throws {
        var objects: [ObjectVersionRecord] = []
        do {
            for (key, path, size, modified) in try Self.visibleFiles(under: folder) {
                if key.utf8.count > 1024 {
                    logger.warning("Not adopting a file whose key is longer than 1024 bytes", metadata: ["store.file": "\(path)"])
                    continue
                }
                let body = ObjectBody(blob: try OpenedBlob(path: path), offset: 0, count: size)
                let staged = try await blobs.stage(body, durably: false)
                objects.append(
                    ObjectVersionRecord(
                        bucket: name,
                        key: key,
                        versionId: "null",
                        size: staged.size,
                        etag: staged.md5.hexString,
                        lastModified: modified,
                        blobId: staged.id,
                        attributes: ObjectAttributes(contentType: ContentType.guess(forKey: key))
                    )
                )
            }
            for object in objects { try blobs.move(object.blobId!) }
            // One flush for the whole folder rather than two fsyncs a file: 40,000 files adopt in seconds, not minutes.
            blobs.syncFileSystem()
            let bucket = BucketRecord(name: name, creationDate: Date(), versioning: .unversioned, owner: owner)
            try await catalog.adopt(bucket, objects: objects)
        } catch {
            for object in objects { blobs.discard(object.blobId!) }
            throw error
        }
        logger.info("Adopted a folder as a bucket", metadata: ["store.bucket": "\(name)", "store.objects": "\(objects.count)"])
    }

    /// Regular files under `folder`, recursively, skipping hidden files and folders: key (relative path with '/'),
    /// path, size and modification date.
    static func visibleFiles(under folder: String) throws -> [(key: String, path: String, size: Int64, modified: Date)] {
        var files: [(key: String, path: String, size: Int64, modified: Date)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? folder : folder + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where !name.hasPrefix(".") {
                let key = relative.isEmpty ? name : relative + "/" + name
                let path = directory + "/" + name
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                switch attributes[.type] as? FileAttributeType {
                case .typeDirectory?:
                    pending.append(key)
                case .typeRegular?:
                    let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
                    files.append((key, path, size, (attributes[.modificationDate] as? Date) ?? Date()))
                default:
                    continue
                }
            }
        }
        return files
    }
}

/// Content types guessed from the extension of an adopted file.
enum ContentType {
    static func guess(forKey key: String) -> String {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "txt": return "text/plain"
        case "xml": return "application/xml"
        case "json": return "application/json"
        case "wav": return "audio/wav"
        case "mp3": return "audio/mpeg"
        case "csv": return "text/csv"
        default: return "application/octet-stream"
        }
    }
}
