import LabelFormats

/// Objects of a dataset's input path paired as a sync pairs them: for each raw file, its label file, or the label file
/// of another type beside it. Imports record that label file (and its ETag) on the samples they make, as a sync does,
/// so that the next sync leaves the samples as they are until that file changes.
struct InputListing: Sendable {
    let objects: [String: StoredObject]
    let items: [String: DatasetSync.Item]

    init(_ listed: [StoredObject], dataset: Dataset, kind: DatasetKind) {
        let pairing = SidecarPairing.pair(keys: listed.map(\.key), prefix: dataset.inputPrefix, kind: kind)
        let objects = Dictionary(listed.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let otherTypeSidecars = DatasetSync.otherTypeSidecars(pairing.ignored, objects: objects, kind: kind)
        var items: [String: DatasetSync.Item] = [:]
        for paired in pairing.samples {
            guard let raw = objects[paired.rawKey] else { continue }
            let lacksLabels = paired.sidecarKey == nil && paired.folderLabel == nil
            items[paired.rawKey] = DatasetSync.Item(
                paired: paired,
                raw: raw,
                sidecar: paired.sidecarKey.flatMap { objects[$0] },
                otherTypeSidecar: lacksLabels ? otherTypeSidecars[DatasetSync.stem(paired.rawKey)] : nil,
                stored: []
            )
        }
        self.objects = objects
        self.items = items
    }

    /// Every object under `prefix`, page by page.
    static func list(_ storage: any ObjectStorage, bucket: String, prefix: String) async throws -> [StoredObject] {
        var objects: [StoredObject] = []
        var after: String?
        while true {
            let page = try await storage.listObjects(bucket: bucket, prefix: prefix, startAfter: after, maxKeys: DatasetSync.pageSize)
            objects += page.objects
            guard page.isTruncated, let last = page.objects.last?.key else { return objects }
            after = last
        }
    }
}
