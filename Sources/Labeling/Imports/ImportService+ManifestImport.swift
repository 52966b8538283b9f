import Foundation
import LabelFormats

extension ImportService {
    /// Manifests are read whole.
    static let maxManifestBytes = 256 * 1024 * 1024
    /// Manifest entries written per transaction.
    static let manifestBatchSize = 500

    /// Reads the manifest, lists the input path once, and makes a sample of every entry whose object is under it.
    func importManifest(
        _ location: (bucket: String, key: String),
        into dataset: Dataset,
        spec: ImportSpec,
        task: ImportTask
    ) async throws -> ImportTask {
        let kind = dataset.kind
        let manifestURL = "obs://\(location.bucket)/\(location.key)"
        let parsed: ParsedManifest
        do {
            let bytes = try await storage.readObject(bucket: location.bucket, key: location.key, maxBytes: Self.maxManifestBytes)
            parsed = try Manifest.parse(bytes)
        } catch let error as FormatError {
            throw LabelingError.invalidArgument("\(manifestURL) is not a manifest: \(error.issue.position): \(error.issue.reason)")
        } catch {
            let why = StorageError.wrapping(error).explanation(of: .read, bucket: location.bucket, key: location.key)
            throw LabelingError.importFailed("Reading \(manifestURL) failed: \(why)")
        }
        let listing: InputListing
        do {
            let objects = try await InputListing.list(storage, bucket: dataset.inputBucket, prefix: dataset.inputPrefix)
            listing = InputListing(objects, dataset: dataset, kind: kind)
        } catch {
            let why = StorageError.wrapping(error).explanation(of: .list, bucket: dataset.inputBucket, key: dataset.inputPrefix)
            throw LabelingError.importFailed("Listing obs://\(dataset.inputBucket)/\(dataset.inputPrefix) failed: \(why)")
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
            sample.inferenceLoc = entry.inferenceLoc.flatMap { $0.isEmpty ? nil : $0 }
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
                sample.labeledBy = (first?.annotatedBy).map { String($0.prefix(64)) } ?? spec.author ?? LabelEditingService.defaultAuthor
                sample.labeledAt = first?.creationTime.flatMap(Self.manifestDate)
            }
            batch.append(sample)
            if batch.count == Self.manifestBatchSize {
                task = try await writeManifestSamples(batch, dataset: dataset, task: task)
                batch.removeAll()
            }
        }
        task = try await writeManifestSamples(batch, dataset: dataset, task: task)
        return finished(try await catalog.completeManifestImport(task, at: Date()))
    }

    /// The input path's item for an entry, or nil after noting why the entry is skipped.
    private func manifestItem(
        _ entry: ManifestEntry,
        dataset: Dataset,
        kind: DatasetKind,
        listing: InputListing,
        spec: ImportSpec,
        seen: inout Set<String>,
        task: inout ImportTask
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
            return .unlabeled(DatasetSync.unreadable(location.key, error, bucket: location.bucket))
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
    /// - Returns: the task with the batch counted.
    private func writeManifestSamples(_ batch: [ManifestSample], dataset: Dataset, task: ImportTask) async throws -> ImportTask {
        guard !batch.isEmpty else { return task }
        let existing = try await catalog.samples(datasetId: dataset.id, bucket: dataset.inputBucket, keys: batch.map(\.item.raw.key))
        let existingKeys = Set(existing.map(\.key))
        let sync = syncing.datasetSync(dataset, runId: task.id)
        let toEvaluate = batch.filter { $0.content == nil && !existingKeys.contains($0.item.raw.key) }
        let evaluated = Dictionary(
            await sync.evaluate(toEvaluate.map(\.item)).map { ($0.outcome.raw.key, $0.outcome) },
            uniquingKeysWith: { first, _ in first }
        )
        return try await catalog.writeManifestBatch(batch, existing: existing, evaluated: evaluated, dataset: dataset, task: task, at: Date())
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
