import Foundation
import LabelFormats

extension SampleEntry {
    /// A new sample of the outcome's object, as `content` says: labeled, when it has labels, by `author` at `now`.
    init(
        _ content: SampleContent,
        of outcome: SampleOutcome,
        in dataset: Dataset,
        labeledBy author: String = DatasetSync.author,
        at now: Date,
        hard: Bool? = nil
    ) {
        self.init(
            id: Identifier.make(),
            datasetId: dataset.id,
            bucket: dataset.inputBucket,
            key: outcome.raw.key,
            line: content.line,
            versionId: nil,
            etag: outcome.raw.etag,
            size: outcome.raw.size,
            text: content.text,
            annotations: content.annotations,
            isLabeled: !content.annotations.isEmpty,
            labelSource: content.source,
            unlabeledReason: content.reason,
            sidecarKey: outcome.evidence?.key,
            sidecarEtag: outcome.evidence?.etag,
            labeledBy: content.annotations.isEmpty ? nil : author,
            labeledAt: content.annotations.isEmpty ? nil : now,
            createdAt: now,
            updatedAt: now,
            hard: hard,
            objectModifiedAt: outcome.raw.lastModified
        )
    }

    /// The sample as a sync found it again: its object's ETag and size, and the labels `content` gives; labels that
    /// changed are the sync's now.
    mutating func apply(_ content: SampleContent, of outcome: SampleOutcome, at now: Date) {
        if annotations != content.annotations {
            labeledBy = DatasetSync.author
            labeledAt = now
        }
        etag = outcome.raw.etag
        size = outcome.raw.size
        objectModifiedAt = outcome.raw.lastModified
        text = content.text
        annotations = content.annotations
        isLabeled = !content.annotations.isEmpty
        labelSource = content.source
        unlabeledReason = content.reason
        sidecarKey = outcome.evidence?.key
        sidecarEtag = outcome.evidence?.etag
        updatedAt = now
    }
}
