import Foundation
import GRDB
import LabelFormats

extension LabelingService {
    /// Manifests are read whole.
    static let maxManifestBytes = 256 * 1024 * 1024
    /// Manifest entries written per transaction.
    static let manifestBatchSize = 500

    /// One manifest entry that becomes (or relabels) a sample.
    private struct ManifestSample {
        var item: DatasetSync.Item
        /// The manifest's labels, or why the sample has none; nil when the manifest gives none (or they are not
        /// imported): a new sample is then labeled as a sync would, an existing one keeps its labels.
        var content: SampleContent?
        var hard: Bool?
        var labeledBy: String?
        var labeledAt: Date?
    }

    /// Reads the manifest, lists the input path once, and makes a sample of every entry whose object is under it.
    func importManifest(
        _ location: (bucket: String, key: String),
        into dataset: DatasetRecord,
        kind: DatasetKind,
        spec: ImportSpec,
        task: ImportTaskRecord
    ) async throws -> ImportTask {
        let manifestURL = "obs://\(location.bucket)/\(location.key)"
        let parsed: ParsedManifest
        do {
            let bytes = try await storage.readObject(bucket: location.bucket, key: location.key, maxBytes: Self.maxManifestBytes)
            parsed = try Manifest.parse(bytes)
        } catch let error as FormatError {
            throw LabelingError.invalidArgument("\(manifestURL) is not a manifest: \(error.issue.position): \(error.issue.reason)")
        } catch {
            let storageError = StorageError.wrapping(error)
            throw LabelingError.importFailed("Reading \(manifestURL) failed: \(storageError.code): \(storageError.message)")
        }
        let listing: InputListing
        do {
            let objects = try await InputListing.list(storage, bucket: dataset.inputBucket, prefix: dataset.inputPrefix)
            listing = InputListing(objects, dataset: dataset, kind: kind)
        } catch {
            let storageError = StorageError.wrapping(error)
            throw LabelingError.importFailed(
                "Listing obs://\(dataset.inputBucket)/\(dataset.inputPrefix) failed: \(storageError.code): \(storageError.message)"
            )
        }

        var task = task
        // Lines that are not entries at all (not JSON, no source); a member of the wrong type only drops that member.
        let skippedLines = parsed.skipped.filter { !$0.position.contains(",") }
        task.totalSampleCount = parsed.entries.count + skippedLines.count
        for issue in skippedLines { Self.skip(&task, source: issue.position, reason: issue.reason) }

        var seen = Set<String>()
        var labelFiles: [String: SampleContent] = [:]
        var batch: [ManifestSample] = []
        for entry in parsed.entries {
            guard let item = manifestItem(entry, dataset: dataset, kind: kind, listing: listing, spec: spec, seen: &seen, task: &task) else {
                continue
            }
            var sample = ManifestSample(item: item, hard: entry.hard)
            if spec.importAnnotations {
                sample.content = await manifestLabels(entry, kind: kind, manifestKey: location.key, labelFiles: &labelFiles)
                let names = Set(sample.content?.annotations.map(\.name) ?? [])
                if !spec.includedLabels.isEmpty && names.isDisjoint(with: spec.includedLabels) {
                    Self.skip(&task, source: entry.source, reason: "carries none of the labels to include")
                    continue
                }
                if let excluded = spec.excludedLabels.first(where: names.contains) {
                    Self.skip(&task, source: entry.source, reason: "carries \(excluded), a label to exclude")
                    continue
                }
                let first = entry.annotations.first
                sample.labeledBy = (first?.annotatedBy).map { String($0.prefix(64)) } ?? spec.author ?? Self.defaultAuthor
                sample.labeledAt = first?.creationTime.flatMap(Self.manifestDate)
            }
            batch.append(sample)
            if batch.count == Self.manifestBatchSize {
                try await writeManifestSamples(batch, dataset: dataset, kind: kind, task: &task)
                batch.removeAll()
            }
        }
        try await writeManifestSamples(batch, dataset: dataset, kind: kind, task: &task)
        let finished = task
        return try await catalog.write { db in
            try Self.importedIntoJobs(db, datasetId: dataset.id)
            return try finishImport(db, finished)
        }
    }

    /// The input path's item for an entry, or nil after noting why the entry is skipped.
    private func manifestItem(
        _ entry: ManifestEntry,
        dataset: DatasetRecord,
        kind: DatasetKind,
        listing: InputListing,
        spec: ImportSpec,
        seen: inout Set<String>,
        task: inout ImportTaskRecord
    ) -> DatasetSync.Item? {
        let input = "obs://\(dataset.inputBucket)/\(dataset.inputPrefix)"
        guard let location = try? Self.objectLocation(entry.source, field: "source"), !entry.source.hasPrefix("/") else {
            Self.skip(&task, source: entry.source, reason: "not an OBS object (obs://bucket/key)")
            return nil
        }
        guard location.bucket == dataset.inputBucket, location.key.hasPrefix(dataset.inputPrefix) else {
            Self.skip(
                &task,
                source: entry.source,
                reason: "outside the dataset's input path \(input): obslab copies no data; put the file under the input path"
            )
            return nil
        }
        guard seen.insert(location.key).inserted else {
            Self.skip(&task, source: entry.source, reason: "listed again: the first entry for it counts")
            return nil
        }
        guard let item = listing.items[location.key] else {
            let reason =
                listing.objects[location.key] == nil
                ? "no such object under the input path"
                : "not a file a \(kind.rawValue) dataset samples (\(kind.rawFileExtensions.sorted().joined(separator: ", ")))"
            Self.skip(&task, source: entry.source, reason: reason)
            return nil
        }
        if spec.difficultOnly && entry.hard != true {
            Self.skip(&task, source: entry.source, reason: "not a hard example, and only hard examples are imported")
            return nil
        }
        return item
    }

    /// The labels an entry gives a sample of `kind`: its classification labels, or for object detection the PASCAL VOC
    /// files its annotations point to. Labels of another type, or a label file that cannot be read, leave the sample
    /// unlabeled with the reason; nil when the entry has no labels.
    private func manifestLabels(
        _ entry: ManifestEntry,
        kind: DatasetKind,
        manifestKey: String,
        labelFiles: inout [String: SampleContent]
    ) async -> SampleContent? {
        guard !entry.annotations.isEmpty else { return nil }
        let ofKind = entry.annotations.filter { DatasetKind(manifestType: $0.type) == kind }
        guard !ofKind.isEmpty else {
            let types = Set(entry.annotations.map(\.type)).sorted().joined(separator: ", ")
            return .unlabeled(
                UnlabeledReason(
                    code: .labelsOfAnotherType,
                    message: "The manifest gives \(types) labels; this is a \(kind.rawValue) dataset",
                    sidecarKey: manifestKey
                )
            )
        }
        var annotations: [Annotation] = []
        for annotation in ofKind {
            if kind == .objectDetection {
                guard let loc = annotation.annotationLoc else { continue }
                let content: SampleContent
                if let known = labelFiles[loc] {
                    content = known
                } else {
                    content = await detectionLabels(at: loc)
                    labelFiles[loc] = content
                }
                guard content.reason == nil else { return content }
                annotations += content.annotations
            } else if let label = annotation.annotation {
                annotations.append(label)
            }
        }
        guard !annotations.isEmpty else {
            return .unlabeled(
                UnlabeledReason(code: .sidecarMalformed, message: "The manifest entry's annotations name no label", sidecarKey: manifestKey)
            )
        }
        return .labeled(annotations, source: .manifest(key: manifestKey))
    }

    /// The objects of a PASCAL VOC file named by an `annotation-loc`.
    private func detectionLabels(at loc: String) async -> SampleContent {
        guard let location = try? Self.objectLocation(loc, field: "annotation-loc") else {
            return .unlabeled(UnlabeledReason(code: .sidecarMalformed, message: "annotation-loc \(loc) is not an OBS object"))
        }
        let bytes: [UInt8]
        do {
            bytes = try await storage.readObject(bucket: location.bucket, key: location.key, maxBytes: DatasetSync.maxSidecarBytes)
        } catch {
            return .unlabeled(DatasetSync.unreadable(location.key, error))
        }
        do {
            let parsed = try PascalVOC.parse(bytes)
            guard !parsed.annotations.isEmpty else {
                let issue = parsed.skipped.first ?? ParseIssue(position: "file", reason: "the label file holds no labels")
                return .unlabeled(DatasetSync.malformed(location.key, issue))
            }
            return SampleContent(annotations: parsed.annotations)
        } catch {
            return .unlabeled(DatasetSync.malformed(location.key, error.issue))
        }
    }

    /// Writes a batch: manifest labels replace a sample's labels (a job's own labels stay); an entry without labels
    /// makes a new sample labeled as a sync would, and leaves an existing one as it is.
    private func writeManifestSamples(
        _ batch: [ManifestSample],
        dataset: DatasetRecord,
        kind: DatasetKind,
        task: inout ImportTaskRecord
    ) async throws {
        guard !batch.isEmpty else { return }
        let existing = try await catalog.read { db in
            try SampleRecord
                .filter(SampleRecord.Columns.datasetId == dataset.id && SampleRecord.Columns.bucket == dataset.inputBucket)
                .filter(batch.map(\.item.raw.key).contains(SampleRecord.Columns.key))
                .fetchAll(db)
        }
        let existingKeys = Set(existing.map(\.key))
        let sync = datasetSync(dataset, kind: kind, runId: task.id)
        let toEvaluate = batch.filter { $0.content == nil && !existingKeys.contains($0.item.raw.key) }
        let evaluated = Dictionary(
            await sync.evaluate(toEvaluate.map(\.item)).map { ($0.outcome.raw.key, $0.outcome) },
            uniquingKeysWith: { first, _ in first }
        )
        let counted = task
        task = try await catalog.write { db in
            var task = counted
            let now = Date()
            var byKey = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let colors = try Self.addMissingLabels(
                db,
                datasetId: dataset.id,
                kind: kind,
                annotations: batch.flatMap { $0.content?.annotations ?? evaluated[$0.item.raw.key]?.contents.first?.annotations ?? [] }
            )
            for sample in batch {
                let key = sample.item.raw.key
                if var record = byKey.removeValue(forKey: key) {
                    if let content = sample.content {
                        let labels = Self.normalized(content.annotations, colors: colors, previous: record.annotations)
                        record.annotations = labels
                        record.isLabeled = !labels.isEmpty
                        record.labelSource = content.source
                        record.unlabeledReason = content.reason
                        record.labeledBy = sample.labeledBy
                        record.labeledAt = sample.labeledAt ?? now
                        record.sidecarKey = sample.item.evidence?.key
                        record.sidecarEtag = sample.item.evidence?.etag
                        record.etag = sample.item.raw.etag
                        record.size = sample.item.raw.size
                        record.updatedAt = now
                    }
                    if let hard = sample.hard { record.hard = hard }
                    try record.update(db)
                    task.importedSampleCount += 1
                    if record.isLabeled { task.annotatedSampleCount += 1 }
                    continue
                }
                guard let content = sample.content ?? evaluated[key]?.contents.first else { continue }
                let labels = Self.normalized(content.annotations, colors: colors, previous: [])
                let fromManifest = sample.content != nil
                try SampleRecord(
                    id: Identifier.make(),
                    datasetId: dataset.id,
                    bucket: dataset.inputBucket,
                    key: key,
                    line: 0,
                    versionId: nil,
                    etag: sample.item.raw.etag,
                    size: sample.item.raw.size,
                    text: nil,
                    annotations: labels,
                    isLabeled: !labels.isEmpty,
                    labelSource: content.source,
                    unlabeledReason: content.reason,
                    sidecarKey: sample.item.evidence?.key,
                    sidecarEtag: sample.item.evidence?.etag,
                    labeledBy: labels.isEmpty ? nil : (fromManifest ? sample.labeledBy : DatasetSync.author),
                    labeledAt: labels.isEmpty ? nil : (sample.labeledAt ?? now),
                    createdAt: now,
                    updatedAt: now,
                    hard: sample.hard
                )
                .insert(db)
                try Self.forgetDeletion(db, datasetId: dataset.id, bucket: dataset.inputBucket, key: key)
                task.importedSampleCount += 1
                if !labels.isEmpty { task.annotatedSampleCount += 1 }
            }
            try task.update(db)
            return task
        }
    }

    /// A manifest's `creation-time`, `2019-01-23 11:30:30` in UTC.
    static func manifestDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text)
    }
}
