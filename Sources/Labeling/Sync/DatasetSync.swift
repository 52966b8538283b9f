import Foundation
import LabelFormats
import Logging

/// One "Synchronize New Data" of one dataset: list the input path page by page, pair raw files with their label
/// files, and bring the samples in line in one pass over the listing. A label file is read again only when its ETag
/// changed (or the storage refused it the last time); samples whose object is gone are removed, and samples deleted
/// without their file stay deleted while the file is unchanged.
///
/// Catalog changes are written in transactions of a batch of raw files each, so a sync that stops half-way leaves
/// every sample either as it was or up to date, and the next sync finishes the work.
struct DatasetSync: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger
    let dataset: Dataset
    let runId: String
    let observers: ProgressObservers

    static let pageSize = 1000
    /// Samples written in one transaction. Their rows land on pages all over the catalog's indexes of random ids, and
    /// each commit writes every page it touched: 256 a batch rewrote the same pages four times as often (a full sync of
    /// 40,000 objects took 12-13 s against 9-10 s, two fuzzers running).
    static let batchSize = 1024
    static let concurrentReads = 8
    /// Label files are small; anything bigger is refused rather than read.
    static let maxSidecarBytes = 8 * 1024 * 1024
    /// Text classification reads the text files themselves.
    static let maxTextBytes = 64 * 1024 * 1024
    /// The author of label changes made by a sync.
    static let author = "sync"

    var kind: DatasetKind { dataset.kind }

    struct Counters: Sendable {
        var added = 0
        var deleted = 0
        var sidecarsRead = 0
        var sidecarsUnchanged = 0
    }

    /// A raw file of the listing and what is known of it.
    struct Item: Sendable {
        var paired: PairedSample
        var raw: StoredObject
        var sidecar: StoredObject?
        /// A label file of another labeling type next to the raw file (`10.xml` in an image classification dataset).
        var otherTypeSidecar: StoredObject?
        var stored: [StoredSample]

        /// The label file that decides the sample's labels, whichever it is.
        var evidence: StoredObject? { sidecar ?? otherTypeSidecar }
    }

    func run() async throws -> Counters {
        var counters = Counters()
        let objects = try await listAll()
        let pairing = SidecarPairing.pair(keys: objects.map(\.key), prefix: dataset.inputPrefix, kind: kind)
        let byKey = Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let otherTypeSidecars = Self.otherTypeSidecars(pairing.ignored, objects: byKey, kind: kind)
        if !pairing.ignored.isEmpty {
            logger.debug(
                "Listed keys that are not samples",
                metadata: ["labeling.dataset": "\(dataset.id)", "labeling.ignored": "\(pairing.ignored.count)"]
            )
        }
        let baseline = try await catalog.syncBaseline(datasetId: dataset.id, bucket: dataset.inputBucket)
        var stored = baseline.stored
        let deleted = baseline.deleted

        var items: [Item] = []
        items.reserveCapacity(pairing.samples.count)
        for paired in pairing.samples {
            guard let raw = byKey[paired.rawKey], !deleted.excludes(key: raw.key, line: 0, etag: raw.etag) else { continue }
            items.append(
                Item(
                    paired: paired,
                    raw: raw,
                    sidecar: paired.sidecarKey.flatMap { byKey[$0] },
                    otherTypeSidecar: paired.sidecarKey == nil && paired.folderLabel == nil ? otherTypeSidecars[Self.stem(paired.rawKey)] : nil,
                    stored: stored.removeValue(forKey: paired.rawKey) ?? []
                )
            )
        }
        // What is left of `stored` are samples whose object is gone.
        counters.deleted += try await catalog.removeSamples(datasetId: dataset.id, keys: Array(stored.keys))

        let total = items.count
        var processed = 0
        observers.report(SyncProgress(listed: objects.count, processed: 0, total: total))
        // The label files of a batch are read while the previous batch is written: reads wait on the store, the
        // write on the catalog, and the two overlap.
        var unwritten: (changes: [SampleChange], count: Int)?
        for start in stride(from: 0, to: items.count, by: Self.batchSize) {
            let batch = items[start..<min(start + Self.batchSize, items.count)]
            var changes: [SampleChange] = []
            var toEvaluate: [Item] = []
            for item in batch {
                switch decide(item) {
                case .unchanged:
                    if item.sidecar != nil { counters.sidecarsUnchanged += 1 }
                case .touch:
                    if item.sidecar != nil { counters.sidecarsUnchanged += 1 }
                    changes.append(.touch(item.raw))
                case .evaluate:
                    toEvaluate.append(item)
                }
            }
            async let evaluated = evaluate(toEvaluate)
            if let previous = unwritten {
                try await write(previous.changes, excluded: deleted, counters: &counters)
                processed += previous.count
                observers.report(SyncProgress(listed: objects.count, processed: processed, total: total))
            }
            for outcome in await evaluated {
                if outcome.readSidecar { counters.sidecarsRead += 1 }
                changes.append(.replace(outcome.outcome))
            }
            unwritten = (changes, batch.count)
        }
        if let last = unwritten {
            try await write(last.changes, excluded: deleted, counters: &counters)
            processed += last.count
            observers.report(SyncProgress(listed: objects.count, processed: processed, total: total))
        }
        return counters
    }

    /// Writes one batch of changes and counts the samples it added and deleted.
    private func write(_ changes: [SampleChange], excluded: DeletedSamples, counters: inout Counters) async throws {
        let written = try await catalog.applySyncBatch(
            changes,
            dataset: dataset,
            excluded: excluded,
            runId: runId,
            counters: counters,
            at: Date()
        )
        counters.added += written.added
        counters.deleted += written.deleted
    }

    /// Every object under the input prefix, page by page.
    private func listAll() async throws -> [StoredObject] {
        var objects: [StoredObject] = []
        var after: String?
        while true {
            let page: ObjectListing
            do {
                page = try await storage.listObjects(
                    bucket: dataset.inputBucket,
                    prefix: dataset.inputPrefix,
                    startAfter: after,
                    maxKeys: Self.pageSize
                )
            } catch {
                let storageError = StorageError.wrapping(error)
                if let denial = storageError.denial(of: .list, bucket: dataset.inputBucket, key: dataset.inputPrefix) {
                    throw LabelingError.storageAccessDenied(denial, consequence: "nothing was synchronized")
                }
                throw LabelingError.syncFailed(
                    "Listing obs://\(dataset.inputBucket)/\(dataset.inputPrefix) failed: \(storageError.code): \(storageError.message)"
                )
            }
            objects += page.objects
            observers.report(SyncProgress(listed: objects.count, processed: 0, total: nil))
            guard page.isTruncated, let last = page.objects.last?.key else { break }
            after = last
        }
        return objects
    }

    private enum Decision {
        case unchanged
        /// The raw object changed but not its labels: only its ETag and size are updated.
        case touch
        case evaluate
    }

    private func decide(_ item: Item) -> Decision {
        guard let first = item.stored.first else { return .evaluate }
        let evidenceSame = first.sidecarKey == item.evidence?.key && first.sidecarEtag == item.evidence?.etag
        // A refusal may have been lifted (a KMS grant added, a policy statement removed): ask again even if nothing changed.
        guard evidenceSame, first.reasonCode != .sidecarUnreadable, first.reasonCode != .accessDenied else { return .evaluate }
        if first.etag == item.raw.etag && first.size == item.raw.size { return .unchanged }
        // A text file's lines are its samples: a changed text file is read again.
        return kind == .textClassification ? .evaluate : .touch
    }
}
