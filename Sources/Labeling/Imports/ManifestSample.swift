import Foundation
import LabelFormats

/// One manifest entry that becomes (or relabels) a sample.
struct ManifestSample: Sendable {
    var item: DatasetSync.Item
    /// The manifest's labels, or why the sample has none; nil when the manifest gives none (or they are not
    /// imported): a new sample is then labeled as a sync would, an existing one keeps its labels.
    var content: SampleContent?
    var hard: Bool?
    var labeledBy: String?
    var labeledAt: Date?
    /// The entry's `inference-loc`: the sample comes from inference.
    var inferenceLoc: String?

    /// An existing sample as the entry leaves it: with the manifest's labels when it gives some (stored as
    /// `LabelEdit.stored` makes them against the label set's `colors`), and its hard-example flag when it says one.
    func apply(to sample: inout SampleEntry, colors: [String: String?], at now: Date) {
        if let content {
            let labels = LabelEdit.stored(content.annotations, colors: colors, previous: sample.annotations)
            sample.annotations = labels
            sample.isLabeled = !labels.isEmpty
            sample.labelSource = content.source
            sample.unlabeledReason = content.reason
            sample.labeledBy = labeledBy
            sample.labeledAt = labeledAt ?? now
            sample.sidecarKey = item.evidence?.key
            sample.sidecarEtag = item.evidence?.etag
            sample.etag = item.raw.etag
            sample.size = item.raw.size
            sample.updatedAt = now
        }
        if let hard { sample.hard = hard }
        if let inferenceLoc { sample.inferenceLoc = inferenceLoc }
    }

    /// The new sample the entry makes: with the manifest's labels, or those a sync reads (`evaluated`); nil when the
    /// entry gives none and the object was not evaluated.
    func newEntry(evaluated: SampleOutcome?, dataset: Dataset, colors: [String: String?], at now: Date) -> SampleEntry? {
        guard var content = content ?? evaluated?.contents.first else { return nil }
        content.annotations = LabelEdit.stored(content.annotations, colors: colors, previous: [])
        content.line = 0
        content.text = nil
        let outcome = SampleOutcome(raw: item.raw, contents: [content], evidence: item.evidence)
        var entry = SampleEntry(content, of: outcome, in: dataset, at: now, hard: hard)
        entry.inferenceLoc = inferenceLoc
        if entry.isLabeled {
            // Labels from the manifest are its authors'; those a sync read, the sync's.
            entry.labeledBy = self.content != nil ? labeledBy : DatasetSync.author
            entry.labeledAt = labeledAt ?? now
        }
        return entry
    }
}
