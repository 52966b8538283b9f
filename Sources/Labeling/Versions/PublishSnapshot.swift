import Foundation
import LabelFormats

/// What publishing a version reads from the catalog in one transaction: the dataset as it is now and the version
/// before, to count what changed since.
struct PublishSnapshot: Sendable {
    var dataset: Dataset
    /// In key order, then line order.
    var samples: [SampleEntry]
    var previous: DatasetVersion?
    /// The labels the previous version froze, by sample id.
    var previousAnnotations: [String: [Annotation]]
    var versionNames: [String]

    /// The new version: its counts against the previous one, and how often each label of the dataset is used.
    func version(name: String, spec: VersionSpec, manifestPath: String) -> DatasetVersion {
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
        return DatasetVersion(
            id: Identifier.make(),
            datasetId: dataset.id,
            name: name,
            description: spec.description,
            previousVersionId: previous?.id,
            manifestPath: manifestPath,
            totalSampleCount: samples.count,
            annotatedSampleCount: samples.filter { !$0.annotations.isEmpty }.count,
            addedSampleCount: previous == nil ? samples.count : added,
            modifiedSampleCount: modified,
            deletedSampleCount: deleted,
            labelStatistics: labelStatistics(),
            isCurrent: true,
            createdAt: Date(),
            clearsHardExamples: spec.clearsHardExamples,
            trainingShare: spec.trainingShare,
            hasMultiLabelSamples: samples.contains { Set($0.annotations.map(\.name)).count > 1 }
        )
    }

    private func labelStatistics() -> [VersionLabelStatistic] {
        var annotationCounts: [String: Int] = [:]
        var sampleCounts: [String: Int] = [:]
        for sample in samples {
            for annotation in sample.annotations { annotationCounts[annotation.name, default: 0] += 1 }
            for name in Set(sample.annotations.map(\.name)) { sampleCounts[name, default: 0] += 1 }
        }
        return dataset.labels.map {
            VersionLabelStatistic(label: $0, annotationCount: annotationCounts[$0.name] ?? 0, sampleCount: sampleCounts[$0.name] ?? 0)
        }
    }
}
