import Foundation
import GRDB
import LabelFormats

/// What publishing a version reads from the catalog in one transaction: the dataset as it is now and the version
/// before, to count what changed since.
struct PublishSnapshot {
    var dataset: DatasetRecord
    var labels: [Label]
    var samples: [SampleRecord]
    var previous: DatasetVersionRecord?
    /// The labels the previous version froze, by sample id.
    var previousAnnotations: [String: [Annotation]]
    var versionNames: [String]

    init(_ db: Database, datasetId: String) throws {
        dataset = try LabelingService.fetchDataset(db, id: datasetId)
        labels = try LabelingService.fetchLabels(db, datasetId: datasetId).map(\.label)
        samples = try SampleRecord
            .filter(SampleRecord.Columns.datasetId == datasetId)
            .order(SampleRecord.Columns.key, SampleRecord.Columns.line)
            .fetchAll(db)
        previous = try LabelingService.latestVersion(db, datasetId: datasetId)
        let frozen = try previous.map { try VersionSampleRecord.filter(VersionSampleRecord.Columns.versionId == $0.id).fetchAll(db) } ?? []
        previousAnnotations = Dictionary(frozen.map { ($0.sampleId, $0.annotations) }, uniquingKeysWith: { first, _ in first })
        versionNames = try String.fetchAll(
            db,
            DatasetVersionRecord.filter(DatasetVersionRecord.Columns.datasetId == datasetId).select(DatasetVersionRecord.Columns.name)
        )
    }

    /// The new version: its counts against the previous one, and how often each label of the dataset is used.
    func versionRecord(name: String, description: String, manifest: (bucket: String, key: String)) -> DatasetVersionRecord {
        var added = 0
        var modified = 0
        for sample in samples {
            switch previousAnnotations[sample.id] {
            case nil: added += 1
            case let frozen? where frozen != sample.annotations: modified += 1
            default: break
            }
        }
        let current = Set(samples.map(\.id))
        let deleted = previousAnnotations.keys.filter { !current.contains($0) }.count
        return DatasetVersionRecord(
            id: Identifier.make(),
            datasetId: dataset.id,
            name: name,
            description: description,
            previousVersionId: previous?.id,
            manifestBucket: manifest.bucket,
            manifestKey: manifest.key,
            totalSampleCount: samples.count,
            annotatedSampleCount: samples.filter { !$0.annotations.isEmpty }.count,
            addedSampleCount: previous == nil ? samples.count : added,
            modifiedSampleCount: modified,
            deletedSampleCount: deleted,
            labelStatistics: labelStatistics(),
            hasMultiLabelSamples: samples.contains { Set($0.annotations.map(\.name)).count > 1 },
            createdAt: Date()
        )
    }

    private func labelStatistics() -> [VersionLabelStatistic] {
        var annotationCounts: [String: Int] = [:]
        var sampleCounts: [String: Int] = [:]
        for sample in samples {
            for annotation in sample.annotations { annotationCounts[annotation.name, default: 0] += 1 }
            for name in Set(sample.annotations.map(\.name)) { sampleCounts[name, default: 0] += 1 }
        }
        return labels.map {
            VersionLabelStatistic(label: $0, annotationCount: annotationCounts[$0.name] ?? 0, sampleCount: sampleCounts[$0.name] ?? 0)
        }
    }
}
