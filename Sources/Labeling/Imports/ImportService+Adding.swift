import Foundation
import LabelFormats

extension ImportService {
    /// A file of an add on its way: where it goes and, once written, what samples it makes.
    private struct Addition {
        var index: Int
        var key: String
        var item: DatasetSync.Item?
        var outcome: SampleOutcome?
        /// Labels the caller gave, which replace whatever the storage would say.
        var given: Bool
    }

    /// The steps of `addSamples` once the request is checked: name checks, writes, what the storage says next to each
    /// file, then one transaction for the samples, their labels, the jobs and the task.
    func add(
        _ samples: [NewSample],
        annotations: [[Annotation]],
        to dataset: Dataset,
        author: String,
        task: ImportTask
    ) async throws -> AddReport {
        let kind = dataset.kind
        let bucket = dataset.inputBucket
        var results = samples.map {
            AddedSample(name: $0.name, source: "obs://\(bucket)/\(dataset.inputPrefix)\($0.name)", sampleIds: [], error: nil)
        }
        var additions: [Addition] = []
        var names = Set<String>()
        for (index, sample) in samples.enumerated() {
            let key = dataset.inputPrefix + sample.name
            if let problem = Self.nameProblem(sample.name, key: key, prefix: dataset.inputPrefix, kind: kind) {
                results[index].error = .invalidArgument(problem)
            } else if sample.data.isEmpty {
                results[index].error = .invalidArgument("\(sample.name) has no data")
            } else if !names.insert(sample.name).inserted {
                results[index].error = .duplicateName("\(sample.name) is sent twice")
            } else {
                additions.append(Addition(index: index, key: key, given: !annotations[index].isEmpty))
            }
        }

        // A name is taken by an object, or by a sample whose object a sync has not yet found gone.
        let sampled = Set(try await catalog.samples(datasetId: dataset.id, bucket: bucket, keys: additions.map(\.key)).map(\.key))
        var written: [Addition] = []
        for addition in additions {
            let sample = samples[addition.index]
            let source = results[addition.index].source
            do {
                let listed = try await storage.listObjects(bucket: bucket, prefix: addition.key, startAfter: nil, maxKeys: 1)
                if sampled.contains(addition.key) || listed.objects.first?.key == addition.key {
                    results[addition.index].error = .duplicateName("\(source) already exists: choose another name")
                    continue
                }
                try await storage.writeObject(bucket: bucket, key: addition.key, bytes: sample.data, contentType: Self.contentType(sample.name))
                written.append(addition)
            } catch {
                let why = StorageError.wrapping(error).explanation(of: .write, bucket: bucket, key: addition.key)
                results[addition.index].error = .importFailed("Writing \(source) failed: \(why)")
            }
        }

        // What a sync would see next to each file: its ETag, a label file beside it.
        for (position, addition) in written.enumerated() {
            do {
                let neighbours = try await InputListing.list(storage, bucket: bucket, prefix: String(DatasetSync.stem(addition.key)))
                written[position].item = InputListing(neighbours, dataset: dataset, kind: kind).items[addition.key]
            } catch {
                let stem = String(DatasetSync.stem(addition.key))
                let why = StorageError.wrapping(error).explanation(of: .list, bucket: bucket, key: stem)
                results[addition.index].error = .importFailed("Listing next to \(addition.key) failed: \(why)")
            }
            if written[position].item == nil && results[addition.index].error == nil {
                results[addition.index].error = .importFailed("\(results[addition.index].source) was written but the storage does not list it")
            }
        }
        written.removeAll { $0.item == nil }
        let sync = syncing.datasetSync(dataset, runId: task.id)
        let evaluated = await sync.evaluate(written.filter { !$0.given }.compactMap(\.item))
        var evaluatedOutcomes = evaluated.map(\.outcome).makeIterator()
        for position in written.indices {
            guard let item = written[position].item else { continue }
            if written[position].given {
                let content = SampleContent(annotations: annotations[written[position].index])
                written[position].outcome = SampleOutcome(raw: item.raw, contents: [content], evidence: item.evidence)
            } else {
                written[position].outcome = evaluatedOutcomes.next()
            }
        }

        let recorded = written.compactMap { addition in
            addition.outcome.map { (index: addition.index, file: AddedFile(outcome: $0, hard: samples[addition.index].hard)) }
        }
        let resultsSoFar = results
        let total = samples.count
        let (sampleIds, completed) = try await catalog.recordAddedFiles(
            recorded.map(\.file),
            dataset: dataset,
            author: author,
            task: task,
            at: Date()
        ) { sampleIds, task in
            task.totalSampleCount = total
            for (file, ids) in zip(recorded.map(\.file), sampleIds) {
                guard let ids else { continue }
                task.importedSampleCount += ids.count
                task.annotatedSampleCount += file.outcome.contents.filter { !$0.annotations.isEmpty }.count
            }
            for result in Self.results(resultsSoFar, of: recorded.map(\.index), sampleIds: sampleIds) {
                if let error = result.error { Self.skip(&task, source: result.name, reason: error.message) }
            }
        }
        return AddReport(task: finished(completed), results: Self.results(resultsSoFar, of: recorded.map(\.index), sampleIds: sampleIds))
    }

    /// The results once the files at `indices` are recorded: the ids of their samples, or for a file another request
    /// added meanwhile, the conflict.
    private static func results(_ results: [AddedSample], of indices: [Int], sampleIds: [[String]?]) -> [AddedSample] {
        var results = results
        for (index, ids) in zip(indices, sampleIds) {
            if let ids {
                results[index].sampleIds = ids
            } else {
                results[index].error = .duplicateName("\(results[index].source) was added by another request meanwhile")
            }
        }
        return results
    }

    /// Why `name` cannot be added to a dataset of `kind`, or nil: a plain file name that the dataset samples (a sync
    /// would drop a sample whose file is not one).
    static func nameProblem(_ name: String, key: String, prefix: String, kind: DatasetKind) -> String? {
        guard !name.isEmpty, name.utf8.count <= 1024 else { return "A file name must have 1 to 1024 bytes" }
        guard !name.contains("/"), !name.contains("\\") else { return "\(name) is a path: give a file name, without / or \\" }
        if let special = name.first(where: { "!<>=&\"'".contains($0) || $0.isNewline }) {
            return "\(name) contains \(special): a file name may not contain !<>=&\"' or line breaks"
        }
        let pairing = SidecarPairing.pair(keys: [key], prefix: prefix, kind: kind)
        guard pairing.samples.first?.rawKey == key else {
            let extensions = kind.rawFileExtensions.sorted().map { "." + $0 }.joined(separator: ", ")
            return "\(name) is not a file a \(kind.rawValue) dataset samples (\(extensions))"
        }
        return nil
    }

    /// The content type a file is written with, from its extension.
    static func contentType(_ name: String) -> String {
        let types = [
            "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "bmp": "image/bmp", "gif": "image/gif",
            "wav": "audio/wav", "mp3": "audio/mpeg", "flac": "audio/flac", "aac": "audio/aac", "m4a": "audio/mp4", "ogg": "audio/ogg",
            "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
        ]
        let fileExtension = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return types[fileExtension] ?? "application/octet-stream"
    }
}
