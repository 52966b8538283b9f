/// An object samples or versions refer to.
struct SourceFile: Hashable, Sendable {
    var bucket: String
    var key: String

    /// The files the storage no longer lists. Each folder holding some of them is listed once (a folder inside another
    /// listed one is not listed again), which costs far fewer requests than asking for each file.
    static func missing(among files: Set<SourceFile>, storage: any ObjectStorage) async throws -> Set<SourceFile> {
        var missing = Set<SourceFile>()
        for (bucket, inBucket) in Dictionary(grouping: files, by: \.bucket) {
            var wanted = Set(inBucket.map(\.key))
            for prefix in outermostFolders(of: wanted) {
                var after: String?
                repeat {
                    let page: ObjectListing
                    do {
                        page = try await storage.listObjects(bucket: bucket, prefix: prefix, startAfter: after, maxKeys: 1000)
                    } catch let error as StorageError where error.code == "NoSuchBucket" {
                        break
                    } catch {
                        let storageError = StorageError.wrapping(error)
                        let why = storageError.explanation(of: .list, bucket: bucket, key: prefix)
                        throw LabelingError.syncFailed("Listing obs://\(bucket)/\(prefix) failed: \(why)")
                    }
                    for object in page.objects { wanted.remove(object.key) }
                    after = page.isTruncated ? page.objects.last?.key : nil
                } while after != nil
            }
            missing.formUnion(wanted.map { SourceFile(bucket: bucket, key: $0) })
        }
        return missing
    }

    /// The folders (`a/b/`, or "" for the top) of the keys, without those inside another one of them.
    static func outermostFolders(of keys: Set<String>) -> [String] {
        let folders = Set(keys.map { key in key.lastIndex(of: "/").map { String(key[...$0]) } ?? "" }).sorted()
        var outermost: [String] = []
        for folder in folders where !outermost.contains(where: { folder.hasPrefix($0) }) {
            outermost.append(folder)
        }
        return outermost
    }
}
