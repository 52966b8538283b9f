import Foundation
import GRDB
import LabelFormats
import Logging

/// "Modifying Labeled Data": users set the labels of samples, of a dataset or of one of its labeling jobs.
///
/// Edited labels keep the label file key and ETag the last sync saw, so a sync leaves them alone while that file is
/// unchanged and replaces them when it changes (a changed label file is the newer truth). Every change records its
/// author and time (`labeledBy`, `labeledAt`); `labelSource` is cleared, since the labels no longer come from a file.
extension LabelingService {
    /// The author of label changes made by a caller who gives no name.
    public static let defaultAuthor = "obslab"

    /// The most samples one update may name.
    public static let maxSampleUpdates = 1000

    /// Replaces the labels of samples; an update without annotations makes its sample unlabeled.
    ///
    /// Label names the dataset's label set lacks join it, with the annotation's color or a default one, as a sync adds
    /// them. An annotation color equal to its label's color is not stored, so that labels read back and written again
    /// stay as they were; on object detection samples, the PASCAL VOC flags of an unchanged box are kept.
    /// - Parameters:
    ///   - jobId: a labeling job whose own labels change (later syncs never overwrite them); nil, or the dataset's default
    ///     job, changes the dataset's labels, which the default job shows.
    ///   - author: who made the change, recorded as "labeled by".
    /// - Returns: one result per update, in order: an unknown sample fails alone.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job; invalidArgument for a bad label, a detection label
    ///   without a shape, a shape on another type, or a bad author (nothing changes then).
    public func updateSampleLabels(
        datasetId: String,
        jobId: String?,
        _ updates: [SampleLabelUpdate],
        author: String
    ) async throws -> [SampleUpdateResult] {
        try Self.checkAuthor(author)
        guard (1...Self.maxSampleUpdates).contains(updates.count) else {
            throw LabelingError.invalidArgument("An update must name 1 to \(Self.maxSampleUpdates) samples, not \(updates.count)")
        }
        let now = Date()
        let results = try await catalog.write { db in
            let dataset = try Self.fetchDataset(db, id: datasetId)
            let kind = try Self.kind(of: dataset)
            let ownJobId = try jobId.flatMap { id in
                let job = try Self.fetchJob(db, id: id, datasetId: datasetId)
                return job.isDefault ? nil : job.id
            }
            let checked = try updates.map { try Self.checkAnnotations($0.annotations, kind: kind) }
            var samples: [String: SampleRecord] = [:]
            for id in Set(updates.map(\.sampleId)) {
                if let sample = try SampleRecord.fetchOne(db, key: id), sample.datasetId == datasetId { samples[id] = sample }
            }
            let found = zip(updates, checked).filter { samples[$0.0.sampleId] != nil }.map(\.1)
            let colors = try Self.addMissingLabels(db, datasetId: datasetId, kind: kind, annotations: found.flatMap { $0 })

            let edit = LabelEdit(author: author, date: now)
            var results: [SampleUpdateResult] = []
            for (update, annotations) in zip(updates, checked) {
                guard var sample = samples[update.sampleId] else {
                    results.append(SampleUpdateResult(sampleId: update.sampleId, error: .sampleNotFound(update.sampleId)))
                    continue
                }
                if let ownJobId {
                    try Self.setJobLabels(db, jobId: ownJobId, sample: sample, annotations: annotations, colors: colors, edit: edit)
                } else {
                    let stored = Self.normalized(annotations, colors: colors, previous: sample.annotations)
                    if stored != sample.annotations {
                        edit.apply(stored, to: &sample)
                        try sample.update(db)
                        samples[sample.id] = sample
                    }
                }
                results.append(SampleUpdateResult(sampleId: update.sampleId, error: nil))
            }
            return results
        }
        logger.info(
            "Updated sample labels",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.job": "\(jobId ?? "-")", "labeling.author": "\(author)",
                "labeling.samples": "\(results.filter { $0.error == nil }.count)",
            ]
        )
        return results
    }

    /// A job's own labels for the sample; a job that still mirrors the dataset's labels keeps mirroring them when they
    /// are set to what they already are.
    private static func setJobLabels(
        _ db: Database,
        jobId: String,
        sample: SampleRecord,
        annotations: [Annotation],
        colors: [String: String?],
        edit: LabelEdit
    ) throws {
        var row = try JobSampleRecord.fetchOne(db, key: ["jobId": jobId, "sampleId": sample.id]) ?? JobSampleRecord(jobId: jobId, sampleId: sample.id)
        let current = row.annotations ?? sample.annotations
        let stored = normalized(annotations, colors: colors, previous: current)
        guard stored != current else { return }
        edit.apply(stored, to: &row)
        try row.save(db)
    }

    /// The annotations as stored: classification labels once each; every object detection label with its shape.
    static func checkAnnotations(_ annotations: [Annotation], kind: DatasetKind) throws -> [Annotation] {
        var names = Set<String>()
        var result: [Annotation] = []
        for annotation in annotations {
            try checkLabels([Label(name: annotation.name, type: kind.labelType, color: annotation.color)], kind: kind, existing: [])
            if kind == .objectDetection {
                guard annotation.shape != nil else {
                    throw LabelingError.invalidArgument(
                        "The object detection label \(annotation.name) has no shape: give @modelarts:shape and @modelarts:feature"
                    )
                }
                result.append(annotation)
            } else {
                guard annotation.shape == nil else {
                    throw LabelingError.invalidArgument("Label \(annotation.name) has a shape; only object detection labels have one")
                }
                if names.insert(annotation.name).inserted { result.append(annotation) }
            }
        }
        return result
    }

    /// Adds the label names the annotations use that the label set lacks, as a sync does.
    /// - Returns: the color of every label of the set afterwards, by name.
    static func addMissingLabels(_ db: Database, datasetId: String, kind: DatasetKind, annotations: [Annotation]) throws -> [String: String?] {
        let existing = try fetchLabels(db, datasetId: datasetId)
        var names = Set(existing.map(\.name))
        var added: [Label] = []
        for annotation in annotations where names.insert(annotation.name).inserted {
            added.append(Label(name: annotation.name, type: kind.labelType, color: annotation.color))
        }
        try insertLabels(db, datasetId: datasetId, added, after: existing.count)
        return Dictionary(try fetchLabels(db, datasetId: datasetId).map { ($0.name, $0.color) }, uniquingKeysWith: { first, _ in first })
    }

    /// Drops colors equal to the label's, and keeps the PASCAL VOC flags of the boxes that were there before.
    static func normalized(_ annotations: [Annotation], colors: [String: String?], previous: [Annotation]) -> [Annotation] {
        annotations.map { annotation in
            var annotation = annotation
            if let color = annotation.color, colors[annotation.name] == color {
                annotation.properties[Annotation.colorProperty] = nil
            }
            if annotation.shape != nil, let before = previous.first(where: { $0.name == annotation.name && $0.shape == annotation.shape }) {
                annotation.pose = annotation.pose ?? before.pose
                annotation.truncated = annotation.truncated ?? before.truncated
                annotation.occluded = annotation.occluded ?? before.occluded
                annotation.difficult = annotation.difficult ?? before.difficult
            }
            return annotation
        }
    }

    /// An author is a name of 1 to 64 characters without control characters.
    static func checkAuthor(_ author: String) throws {
        guard !author.isEmpty, author.count <= 64, !author.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LabelingError.invalidArgument("The author '\(author)' must have 1 to 64 characters and no control characters")
        }
    }

    static func kind(of dataset: DatasetRecord) throws -> DatasetKind {
        guard let kind = DatasetKind(rawValue: dataset.kind) else {
            throw LabelingError.internalError("Dataset \(dataset.id) has an unknown kind '\(dataset.kind)'")
        }
        return kind
    }
}

/// Who changes labels and when: what every label change records.
struct LabelEdit {
    var author: String
    var date: Date

    /// The sample's labels are now the user's: no file explains them any more, and a sample left without labels says
    /// who cleared it. The label file's key and ETag stay, so that a sync replaces these labels only when that file
    /// changes.
    func apply(_ annotations: [Annotation], to sample: inout SampleRecord) {
        sample.annotations = annotations
        sample.isLabeled = !annotations.isEmpty
        sample.labelSource = nil
        sample.unlabeledReason =
            annotations.isEmpty
            ? UnlabeledReason(code: .clearedByUser, message: "\(author) removed every label of this sample")
            : nil
        sample.labeledBy = author
        sample.labeledAt = date
        sample.updatedAt = date
    }

    func apply(_ annotations: [Annotation], to row: inout JobSampleRecord) {
        row.annotations = annotations
        row.isLabeled = !annotations.isEmpty
        row.labeledBy = author
        row.labeledAt = date
    }
}
